package io.jenkins.plugins.imagelifecycle.fitness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.support.Json;

/** The answer as every front end gives it ({@code check --json}, the {@code checkImage} step, the Jenkins endpoint). */
public final class FitnessJson {
    private FitnessJson() {
    }

    public static ObjectNode of(FitnessAnswer answer) {
        ObjectNode json = Json.object().put("image", answer.image()).put("digest", answer.digest()).put("environment", answer.environment())
                .put("fit", answer.fit()).put("current", answer.current());
        ArrayNode reasons = json.putArray("reasons");
        answer.reasons().forEach(r -> reasons.addObject().put("code", r.code()).put("message", r.message()));
        ArrayNode notes = json.putArray("notes");
        answer.notes().forEach(notes::add);
        return json;
    }
}
