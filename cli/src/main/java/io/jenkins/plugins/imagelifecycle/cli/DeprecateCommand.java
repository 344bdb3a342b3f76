package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.EndOfLife;
import io.jenkins.plugins.imagelifecycle.lifecycle.CatalogPlacements;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "deprecate", mixinStandardHelpOptions = true,
        description = "Mark an image deprecated with an end-of-life date; it stays usable, with a warning, until then.")
final class DeprecateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Reference or sha256: digest")
    String image;

    @Option(names = "--eol", required = true, paramLabel = "DATE", description = "End-of-life date, yyyy-MM-dd, today or later")
    String eol;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the record")
    String reason;

    @Override
    public Integer call() {
        PrintStream log = LogStream.of(spec.commandLine().getErr());
        try (Catalog catalog = common.openCatalog()) {
            EndOfLife endOfLife = new EndOfLife(catalog, new ManifestDeletion(RegistryClient.anonymous()), CatalogPlacements.copies(catalog),
                    Actor.cliUser(), Clock.systemDefaultZone());
            ImageRecord record = endOfLife.deprecate(image, eol, reason, log);
            if (common.json) {
                ObjectNode json = ImageJson.image(record);
                spec.commandLine().getOut().println(Json.write(json));
            } else {
                spec.commandLine().getOut().println("deprecated " + record.displayRef() + " (" + record.digest() + "), end of life "
                        + record.eolDate());
            }
        }
        return ErrorHandler.OK;
    }
}
