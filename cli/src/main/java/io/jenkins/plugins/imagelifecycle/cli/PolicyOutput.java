package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyDecision;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyRunResult;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyStage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A staged policy's plan, or what its run did, as a table for people and as JSON (docs/cli-json.md). */
final class PolicyOutput {
    private PolicyOutput() {
    }

    static ObjectNode json(PolicyRunResult result) {
        ObjectNode json = Json.object();
        ArrayNode decisions = json.putArray("decisions");
        for (PolicyDecision d : result.decisions()) {
            ObjectNode o = decisions.addObject().put("digest", d.digest()).put("repository", d.repository())
                    .put("created", d.createdAt().toString()).put("currentStage", d.currentStage())
                    .put("nextStage", d.nextStage().id()).put("dueAt", d.dueAt().toString())
                    .put("keptAmongNewest", d.keptAmongNewest()).put("dueNow", !d.dueNow().isEmpty());
            ArrayNode stagesDue = o.putArray("stagesDue");
            d.dueNow().forEach(stage -> stagesDue.add(stage.id()));
            o.put("spared", d.spared()).put("reason", d.reason());
        }
        ArrayNode removals = json.putArray("removals");
        result.removals().forEach(r -> removals.addObject().put("ref", r.ref()).put("result", r.result().name().toLowerCase(Locale.ROOT))
                .put("message", r.message()));
        return json;
    }

    /** One line: how many images have (dry run: would have) each stage applied, and how many are spared. */
    static String summary(List<PolicyDecision> decisions, boolean dryRun) {
        String counts = java.util.Arrays.stream(PolicyStage.values())
                .map(s -> s.reached() + " " + decisions.stream().filter(d -> d.due(s)).count()).collect(Collectors.joining(", "));
        long spared = decisions.stream().filter(d -> d.spared() != null).count();
        return decisions.stream().filter(d -> !d.dueNow().isEmpty()).count() + " image(s) " + (dryRun ? "due now" : "changed")
                + " (" + counts + "); " + spared + " spared";
    }

    /** A row per image under a line per family; the last column, of any width, says what happens now. */
    static void table(List<PolicyDecision> decisions, PrintWriter out) {
        if (decisions.isEmpty()) {
            return;
        }
        String format = "%-12s  %-11s  %-9s  %-20s  %s%n";
        out.printf(format, "IMAGE", "STAGE", "NEXT", "DUE", "NOW");
        String family = null;
        for (PolicyDecision d : decisions) {
            if (!d.repository().equals(family)) {
                family = d.repository();
                out.println("family " + Printable.of(family));
            }
            out.printf(format, ImageJson.shortDigest(d.digest()), d.currentStage(), d.nextStage().id(),
                    d.dueAt().truncatedTo(ChronoUnit.SECONDS), state(d));
        }
    }

    private static String state(PolicyDecision d) {
        if (d.spared() != null) {
            return "spared (" + d.spared() + ")";
        }
        if (!d.dueNow().isEmpty()) {
            return "due now: " + d.dueNow().stream().map(PolicyStage::id).collect(Collectors.joining(", ")) + " (" + Printable.of(d.reason()) + ")";
        }
        return d.keptAmongNewest() != null ? "kept: among the " + d.keptAmongNewest() + " newest" : "not yet";
    }
}
