package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.view.OutdatedReasons;
import io.jenkins.plugins.imagelifecycle.view.Vulnerabilities;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.view.EnvironmentStates;
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
            OutdatedReasons outdated = new OutdatedReasons(images);
            Vulnerabilities vulnerabilities = new Vulnerabilities(catalog);
            EnvironmentStates environments = EnvironmentStates.of(catalog);
            if (common.json) {
                ObjectNode json = Json.object();
                json.put("catalog", catalog.database().description());
                ArrayNode list = json.putArray("images");
                for (ImageRecord i : images) {
                    list.add(ImageJson.standing(i, environments.environments(i.digest()), outdated.reasons(i))
                            .<ObjectNode>set("verification", Json.MAPPER.valueToTree(environments.verification(i.digest())))
                            .put("vulnerable", vulnerabilities.vulnerable(i.digest()))
                            .put("vulnerableSeverity", vulnerabilities.highestSeverity(i.digest()))
                            .set("advisories", Json.MAPPER.valueToTree(vulnerabilities.advisories(i.digest()))));
                }
                out.println(Json.write(json));
                return ErrorHandler.OK;
            }
            out.println("Catalog " + catalog.database().description() + ": " + images.size() + " image(s)");
            out.printf("%-10s %-12s %-10s %-12s %-14s %s%n", "ROLE", "DIGEST", "STAGE", "PARENT", "ENVIRONMENTS", "REFERENCE");
            for (ImageRecord i : images) {
                String envs = environments.labels(i.digest());
                out.printf("%-10s %-12s %-10s %-12s %-14s %s%n", i.role().id(), ImageJson.shortDigest(i.digest()),
                        i.stage().id(), ImageJson.shortDigest(i.parentDigest()), envs.isEmpty() ? "-" : envs,
                        i.displayRef());
                for (String flag : ImageJson.flags(i, outdated.reasons(i))) {
                    out.println("           " + flag);
                }
                if (vulnerabilities.vulnerable(i.digest())) {
                    out.println("           vulnerable (" + vulnerabilities.highestSeverity(i.digest()) + "): "
                            + String.join(", ", vulnerabilities.advisories(i.digest())));
                }
            }
        }
        return ErrorHandler.OK;
    }
}
