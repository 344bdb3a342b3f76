package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.support.Printable;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "history", mixinStandardHelpOptions = true, description = "Every change record of one image, oldest first; "
        + "with --env, every digest that stood in an environment: when, by whom, approved by whom, verified or not, how it left.")
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ConfigOption configuration;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "REF", description = "Reference or sha256: digest (with --env: only its family)")
    String image;

    @Option(names = "--env", paramLabel = "ENV", description = "The environment's timeline instead of one image's records")
    String environment;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (environment != null) {
            return EnvironmentHistoryPrinter.print(common, configuration.config(), environment, image, out);
        }
        if (image == null) {
            throw new io.jenkins.plugins.imagelifecycle.model.BadInputException("history needs --image REF or --env ENV");
        }
        try (Catalog catalog = common.openCatalog()) {
            ImageRecord record = catalog.require(image);
            List<LifecycleEvent> events = catalog.history(record.digest());
            if (common.json) {
                ObjectNode json = Json.object();
                json.set("image", ImageJson.image(record));
                ArrayNode list = json.putArray("events");
                events.forEach(e -> list.add(ImageJson.event(e)));
                out.println(Json.write(json));
                return ErrorHandler.OK;
            }
            out.println(record.displayRef() + " (" + record.digest() + ")");
            for (LifecycleEvent e : events) {
                out.printf("%s  %-10s %-9s -> %-9s by %s: %s%n", e.at(), e.action(),
                        e.fromStage() == null ? "-" : e.fromStage().id(), e.toStage() == null ? "-" : e.toStage().id(),
                        Printable.of(e.actor()), e.reason() == null ? "" : Printable.of(e.reason()));
            }
        }
        return ErrorHandler.OK;
    }
}
