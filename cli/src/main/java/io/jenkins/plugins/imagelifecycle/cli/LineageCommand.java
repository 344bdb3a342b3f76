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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "What an image is built on (up to its upstream base) and everything built on it.")
final class LineageCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Reference or sha256: digest")
    String image;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Catalog catalog = common.openCatalog()) {
            ImageRecord record = catalog.require(image);
            List<ImageRecord> ancestors = catalog.ancestors(record);
            List<ImageRecord> descendants = catalog.descendants(record.digest());
            if (common.json) {
                ObjectNode json = Json.object();
                json.set("image", ImageJson.image(record));
                ArrayNode up = json.putArray("ancestors");
                ancestors.forEach(i -> up.add(ImageJson.image(i)));
                ArrayNode down = json.putArray("descendants");
                descendants.forEach(i -> down.add(ImageJson.image(i)));
                out.println(Json.write(json));
                return ErrorHandler.OK;
            }
            String root = ancestors.isEmpty() ? record.parentDigest() : ancestors.get(ancestors.size() - 1).parentDigest();
            out.println("upstream " + record.baseRef() + " (" + (record.baseDigest() == null ? root : record.baseDigest()) + ")");
            for (int i = ancestors.size() - 1; i >= 0; i--) {
                ImageRecord a = ancestors.get(i);
                out.println("  ".repeat(ancestors.size() - i) + "└ " + a.role().id() + " " + a.displayRef() + " [" + a.stage().id() + "]");
            }
            String indent = "  ".repeat(ancestors.size() + 1);
            out.println(indent + "└ " + record.role().id() + " " + record.displayRef() + " [" + record.stage().id() + "]  <- this image");
            for (ImageRecord d : descendants) {
                out.println(indent + "  └ " + d.role().id() + " " + d.displayRef() + " [" + d.stage().id() + "]");
            }
        }
        return ErrorHandler.OK;
    }
}
