package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Every image in the catalog and where it stands.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Catalog catalog = common.openCatalog()) {
            List<ImageRecord> images = catalog.images();
            if (common.json) {
                ObjectNode json = Json.object();
                json.put("catalog", catalog.database().description());
                ArrayNode list = json.putArray("images");
                images.forEach(i -> list.add(ImageJson.image(i)));
                out.println(Json.write(json));
                return ErrorHandler.OK;
            }
            out.println("Catalog " + catalog.database().description() + ": " + images.size() + " image(s)");
            out.printf("%-10s %-12s %-10s %-12s %s%n", "ROLE", "DIGEST", "STAGE", "PARENT", "REFERENCE");
            for (ImageRecord i : images) {
                out.printf("%-10s %-12s %-10s %-12s %s%n", i.role().id(), ImageJson.shortDigest(i.digest()),
                        i.stage().id(), ImageJson.shortDigest(i.parentDigest()), i.displayRef());
            }
        }
        return ErrorHandler.OK;
    }
}
