package io.jenkins.plugins.imagelifecycle.watch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.RebuildClaims;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every image due for a rebuild, in build order (blessed, then augmented, then host; parents before
 * children), grouped from one check: several upstream changes seen together make one plan.
 *
 * @param checkedAt     when the check ran
 * @param upstreams     what was found for each tracked upstream reference
 * @param steps         the rebuilds, in order
 * @param rebuildClaims for each patched upstream reference, the rebuilds of its new digest that Jenkins triggers have
 *                      claimed (scheduled), by job; the plan lists what is due all the same, as nothing is rebuilt yet
 */
public record RebuildPlan(Instant checkedAt, List<UpstreamStatus> upstreams, List<PlanStep> steps,
                          Map<String, List<RebuildClaims.Claim>> rebuildClaims) implements Serializable {
    public RebuildPlan {
        upstreams = List.copyOf(upstreams);
        steps = List.copyOf(steps);
        rebuildClaims = Map.copyOf(rebuildClaims);
    }

    private List<RebuildClaims.Claim> claimsOf(UpstreamStatus upstream) {
        return rebuildClaims.getOrDefault(upstream.upstreamRef(), List.of());
    }

    public boolean rebuildsDue() {
        return !steps.isEmpty();
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("checkedAt", checkedAt.toString());
        json.put("rebuildsDue", rebuildsDue());
        ArrayNode ups = json.putArray("upstreams");
        for (UpstreamStatus u : upstreams) {
            ObjectNode up = ups.addObject().put("upstreamRef", u.upstreamRef()).put("builtFrom", u.builtFrom()).put("current", u.current())
                    .put("firstSeen", u.firstSeen() == null ? null : u.firstSeen().toString())
                    .put("state", u.state().name().toLowerCase(java.util.Locale.ROOT)).put("message", u.message());
            ArrayNode claims = up.putArray("rebuildClaims");
            for (RebuildClaims.Claim claim : claimsOf(u)) {
                claims.addObject().put("consumer", claim.consumer()).put("claimedBy", claim.claimedBy())
                        .put("claimedAt", claim.claimedAt().toString());
            }
        }
        ArrayNode list = json.putArray("plan");
        int order = 1;
        for (PlanStep s : steps) {
            ObjectNode step = list.addObject().put("order", order++).put("digest", s.digest()).put("ref", s.ref())
                    .put("role", s.role().id());
            s.reasons().forEach(step.putArray("reasons")::add);
            step.putObject("lastBuiltFrom").put("parentDigest", s.parentDigest()).put("baseRef", s.baseRef())
                    .put("baseDigest", s.baseDigest());
            step.put("sourceCommit", s.sourceCommit()).put("builtBy", s.builtBy()).put("invocationId", s.invocationId());
        }
        return json;
    }

    /** The plan for a person: one line per upstream, then one per rebuild. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        for (UpstreamStatus u : upstreams) {
            out.append(String.format("%-11s %s  %s%n", u.state().name().toLowerCase(java.util.Locale.ROOT), u.upstreamRef(), u.message()));
            for (RebuildClaims.Claim claim : claimsOf(u)) {
                out.append(String.format("%-11s rebuild scheduled for %s by %s at %s%n", "", Printable.of(claim.consumer()),
                        Printable.of(claim.claimedBy()), claim.claimedAt()));
            }
        }
        if (steps.isEmpty()) {
            out.append("No rebuilds due.\n");
            return out.toString();
        }
        out.append(String.format("%n%-3s %-10s %-19s %-19s %-12s %-24s %s%n", "#", "ROLE", "IMAGE", "BUILT FROM", "COMMIT",
                "BUILT BY", "REFERENCE / WHY"));
        int order = 1;
        for (PlanStep s : steps) {
            out.append(String.format("%-3d %-10s %-19s %-19s %-12s %-24s %s%n", order++, s.role().id(), shortDigest(s.digest()),
                    shortDigest(s.parentDigest()), s.sourceCommit() == null ? "-" : s.sourceCommit().substring(0, Math.min(12, s.sourceCommit().length())),
                    s.builtBy(), s.ref()));
            for (String reason : s.reasons()) {
                out.append("      ").append(reason).append('\n');
            }
        }
        return out.toString();
    }

    private static String shortDigest(String digest) {
        if (digest == null) {
            return "-";
        }
        String hex = digest.replaceFirst("^sha256:", "");
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
