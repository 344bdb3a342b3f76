package io.jenkins.plugins.imagelifecycle.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.support.Json;

/** One stint of an environment's timeline as JSON: {@code history --env --json} and the lifecycle view. */
public final class StintJson {
    private StintJson() {
    }

    public static ObjectNode of(EnvironmentTimeline.Stint s) {
        var p = s.placement();
        ObjectNode n = Json.object().put("environment", p.environment()).put("family", p.family()).put("digest", p.digest())
                .put("ref", s.ref()).put("target", p.targetRef()).put("placedAt", p.placedAt().toString()).put("kind", p.kind())
                .put("actor", p.actor()).put("approver", p.approver()).put("approval", p.approval())
                .put("verification", s.verification() == null ? null : s.verification().state().label())
                .put("verificationDetail", s.verification() == null ? null : s.verification().detail())
                .put("current", s.current()).put("retired", s.retired()).put("left", s.left())
                .put("leftAt", s.leftAt() == null ? null : s.leftAt().toString());
        return n;
    }
}
