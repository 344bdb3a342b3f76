package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.advisories.ScannerReports;
import io.jenkins.plugins.imagelifecycle.advisories.Severity;
import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.AdvisoryOperation;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "findings", mixinStandardHelpOptions = true, subcommands = FindingsCommand.Import.class,
        description = "Open findings: advisories that name a package an image carries in an affected version.")
final class FindingsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "REF", description = "Only this catalog image's (reference or sha256: digest)")
    String image;

    @Option(names = "--severity", paramLabel = "LEVEL", description = "Only these at or above low, medium, high or critical")
    String severity;

    @Option(names = "--all", description = "Closed findings too")
    boolean all;

    @Override
    public Integer call() {
        Severity floor;
        try {
            floor = severity == null ? Severity.UNKNOWN : Severity.parse(severity);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        try (Catalog catalog = common.openCatalog()) {
            String digest = image == null ? null : catalog.require(image).digest();
            List<Finding> findings = new AdvisoryStore(catalog).findings(digest, !all).stream()
                    .filter(f -> Severity.fromWord(f.severity()).compareTo(floor) >= 0).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                ObjectNode json = Json.object();
                ArrayNode list = json.putArray("findings");
                for (Finding f : findings) {
                    list.addObject().put("digest", f.digest()).put("advisory", f.advisoryId()).put("aliases", f.aliases())
                            .put("package", f.packageName()).put("installed", f.installedVersion()).put("fixed", f.fixedVersion())
                            .put("severity", f.severity()).put("source", f.source()).put("opened", f.openedAt().toString())
                            .put("openedBy", f.openedBy()).put("closed", f.closedAt() == null ? null : f.closedAt().toString())
                            .put("closedBy", f.closedBy());
                }
                out.println(Json.write(json));
                return ErrorHandler.OK;
            }
            out.println(findings.size() + " finding(s)" + (all ? "" : " open"));
            for (Finding f : findings) {
                out.printf("%-9s %-12s %-28s %-24s %s -> %s%s%n", f.severity(), f.digest().substring(7, 19), Printable.of(f.advisory()),
                        Printable.of(f.packageName()), Printable.of(f.installedVersion()),
                        f.fixedVersion() == null ? "no fix yet" : Printable.of(f.fixedVersion()),
                        f.isOpen() ? "" : "  (closed: " + Printable.of(f.closedBy()) + ")");
            }
        }
        return ErrorHandler.OK;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "A scanner's report for one image (Trivy JSON or Grype JSON) as its findings; the next report of the same "
                    + "scanner replaces them.")
    static final class Import implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--image", required = true, paramLabel = "REF", description = "The catalog image the report is about")
        String image;

        @Parameters(index = "0", paramLabel = "FILE", description = "trivy image --format json, or grype -o json")
        File report;

        @Override
        public Integer call() throws IOException {
            if (!report.isFile()) {
                throw new BadInputException("Report '" + report + "' is not a file; expected a Trivy or Grype JSON report");
            }
            var parsed = ScannerReports.read(Files.readAllBytes(report.toPath()), report.toString());
            try (Catalog catalog = common.openCatalog()) {
                var record = catalog.require(image);
                int[] counts = new AdvisoryOperation(catalog, Clock.systemUTC()).importReport(record, parsed, report.getName(),
                        Actor.cliUser());
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    out.println(Json.write(Json.object().put("scanner", parsed.scanner()).put("reported", parsed.findings().size())
                            .put("opened", counts[0]).put("closed", counts[1])));
                } else {
                    out.println(parsed.scanner() + " report: " + parsed.findings().size() + " finding(s) reported; " + counts[0]
                            + " opened, " + counts[1] + " closed on " + record.displayRef());
                }
            }
            return ErrorHandler.OK;
        }
    }
}
