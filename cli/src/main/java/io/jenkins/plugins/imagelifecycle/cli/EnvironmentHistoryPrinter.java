package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import io.jenkins.plugins.imagelifecycle.view.EnvironmentTimeline;
import java.io.PrintWriter;
import java.util.List;

/** {@code history --env ENV}: the environment's timeline, one line (or JSON object) per digest that stood there. */
final class EnvironmentHistoryPrinter {
    private EnvironmentHistoryPrinter() {
    }

    static int print(CommonOptions common, LifecycleConfig config, String environment, String image, PrintWriter out) {
        try (Catalog catalog = common.openCatalog()) {
            String family = image == null ? null : catalog.require(image).repository();
            List<EnvironmentTimeline.Stint> stints = EnvironmentTimeline.of(catalog, environment, family);
            boolean configured = config.environments().stream().anyMatch(e -> e.name().equals(environment));
            if (!configured && (family == null ? stints : EnvironmentTimeline.of(catalog, environment, null)).isEmpty()) {
                // a mistyped name, refused as promote refuses it; an environment since removed from the configuration keeps its history
                config.environment(environment);
            }
            if (common.json) {
                ArrayNode list = Json.MAPPER.createArrayNode();
                stints.forEach(s -> list.add(io.jenkins.plugins.imagelifecycle.view.StintJson.of(s)));
                out.println(Json.write(list));
                return ErrorHandler.OK;
            }
            if (stints.isEmpty()) {
                out.println("Nothing has stood in " + environment + (family == null ? "" : " for " + family));
            }
            for (EnvironmentTimeline.Stint s : stints) {
                var p = s.placement();
                out.printf("%s  %-9s %s (%s) by %s%s; %s; %s%n", p.placedAt(), p.kind(), Printable.of(s.ref()), p.digest(), Printable.of(p.actor()),
                        p.approver() == null ? "" : ", approved by " + Printable.of(p.approvalText()),
                        s.verification() == null ? "no verification recorded" : s.verification().state().label(),
                        s.current() ? "stands there now" + (s.retired() ? " (retired)" : "")
                                : s.left() == null ? (s.retired() ? "retired" : "left") : s.left() + " at " + s.leftAt());
            }
            return ErrorHandler.OK;
        }
    }
}
