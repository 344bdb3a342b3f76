package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogInvariant;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogRow;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogViolation;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true, subcommands = CatalogCommand.Check.class,
        description = "The catalog itself: its integrity.")
final class CatalogCommand {
    /** Exit code when the catalog breaks an invariant: a failure, as the catalog cannot be trusted as it is. */
    static final int VIOLATED = ErrorHandler.FAILED;

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check the invariants the operations rely on (every placement's, event's, finding's and test run's image "
                    + "exists; each environment's pointer is its newest placement; no retired image stands in an environment; "
                    + "lineage has no cycles) and print each violation on one line with the rows involved. Only reads. "
                    + "Exit 0 sound, 1 a violation found (or a failure), 2 bad input.")
    static final class Check implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Catalog catalog = common.openCatalog()) {
                List<CatalogViolation> violations = new CatalogCheck(catalog).run();
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    out.println(Json.write(json(catalog, violations)));
                } else {
                    violations.forEach(v -> out.println(line(v)));
                    out.println("Catalog " + catalog.database().description() + ": " + (violations.isEmpty()
                            ? "all " + CatalogInvariant.values().length + " invariants hold"
                            : violations.size() + " violation(s)"));
                }
                return violations.isEmpty() ? ErrorHandler.OK : VIOLATED;
            }
        }

        /** {@code pointer-is-newest-placement: the pointer … — environment_pointers{…}; placements{…}} */
        static String line(CatalogViolation v) {
            return v.invariant().id() + ": " + v.problem() + " — "
                    + Printable.of(v.rows().stream().map(CatalogRow::toString).collect(Collectors.joining("; ")));
        }

        private static ObjectNode json(Catalog catalog, List<CatalogViolation> violations) {
            ObjectNode json = Json.object().put("ok", violations.isEmpty()).put("catalog", catalog.database().description());
            ArrayNode checked = json.putArray("invariants");
            for (CatalogInvariant i : CatalogInvariant.values()) {
                checked.addObject().put("invariant", i.id()).put("rule", i.rule());
            }
            ArrayNode list = json.putArray("violations");
            for (CatalogViolation v : violations) {
                ObjectNode o = list.addObject().put("invariant", v.invariant().id()).put("rule", v.invariant().rule())
                        .put("problem", v.problem());
                ArrayNode rows = o.putArray("rows");
                for (CatalogRow r : v.rows()) {
                    ObjectNode row = rows.addObject().put("table", r.table());
                    r.columns().forEach((name, value) -> row.set(name, Json.MAPPER.valueToTree(value)));
                }
            }
            return json;
        }
    }
}
