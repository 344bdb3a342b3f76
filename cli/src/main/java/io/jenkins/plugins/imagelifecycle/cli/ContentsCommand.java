package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "contents", mixinStandardHelpOptions = true,
        description = "Read a catalog image's contents from its registry (OS, installed packages, every file) and record them; "
                + "also for images recorded before contents were read.")
final class ContentsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Reference or sha256: digest of a catalog image")
    String image;

    @Override
    public Integer call() {
        try (Catalog catalog = common.openCatalog()) {
            ImageRecord record = catalog.require(image);
            ImageInventory inventory = new ImageContentsOperation(catalog, engine.registry(), Clock.systemUTC())
                    .read(record, Actor.cliUser(), LogStream.of(spec.commandLine().getErr()));
            print(record, inventory);
        }
        return ErrorHandler.OK;
    }

    private void print(ImageRecord record, ImageInventory inventory) {
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object().put("ref", record.displayRef()).put("digest", record.digest())
                    .put("pinned", record.repository() + "@" + record.digest());
            json.putObject("os").put("id", inventory.os().id()).put("versionId", inventory.os().versionId())
                    .put("prettyName", inventory.os().prettyName());
            json.put("fileCount", inventory.fileCount());
            json.set("layers", Json.MAPPER.valueToTree(inventory.layers()));
            ArrayNode packages = json.putArray("packages");
            for (InstalledPackage p : inventory.packages()) {
                packages.addObject().put("ecosystem", p.ecosystem()).put("name", p.name()).put("version", p.version())
                        .put("architecture", p.architecture()).put("source", p.sourceName()).put("sourceVersion", p.sourceVersion())
                        .put("license", p.license()).put("purl", p.purl());
            }
            out.println(Json.write(json));
            return;
        }
        out.println(record.displayRef() + ": " + (inventory.os().prettyName() == null ? inventory.os().id() : inventory.os().prettyName())
                + ", " + inventory.packages().size() + " package(s), " + inventory.fileCount() + " file(s)");
        for (InstalledPackage p : inventory.packages()) {
            out.printf("  %-32s %-28s %s%n", p.name(), p.version(), p.architecture() == null ? "" : p.architecture());
        }
    }
}
