package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.AdvisoryOperation;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.File;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "advisories", mixinStandardHelpOptions = true, subcommands = AdvisoriesCommand.Import.class,
        description = "Security advisories (OSV) matched against every image's contents.")
final class AdvisoriesCommand {
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import OSV advisories from files, folders and zip archives of an OSV export; each opens the findings it "
                    + "means on every image with contents. Re-importing is idempotent; a newer 'modified' replaces; 'withdrawn' closes.")
    static final class Import implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "OSV JSON files, folders of them, zip archives")
        List<File> paths;

        @Override
        public Integer call() {
            try (Catalog catalog = common.openCatalog()) {
                AdvisoryOperation.ImportSummary s = new AdvisoryOperation(catalog, Clock.systemUTC())
                        .importAdvisories(paths.stream().map(File::toPath).toList(), Actor.cliUser());
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    out.println(Json.write(s));
                } else {
                    out.printf("%d advisory(ies) read: %d new, %d replaced, %d unchanged, %d withdrawn; %d skipped (no ecosystem handled "
                                    + "here), %d skipped (too large); findings: %d opened, %d closed%n", s.read(), s.stored(), s.replaced(),
                            s.unchanged(), s.withdrawn(), s.unknownEcosystem(), s.skippedTooLarge().size(), s.opened(), s.closed());
                    s.skippedTooLarge().forEach(f -> out.println("  skipped, too large: " + f));
                }
            }
            return ErrorHandler.OK;
        }
    }
}
