package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.PlacementVerifications;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reverify", mixinStandardHelpOptions = true,
        description = "Run an environment's verification again against what stands there now; a failure makes the image "
                + "ineligible for the next environment and unfit to run there. Exit 1 when one fails.")
final class ReverifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment whose placements to verify")
    String environment;

    @Option(names = "--image", paramLabel = "REF", description = "Only the family of this image (default: every family standing there)")
    String image;

    @Override
    public Integer call() {
        try (Catalog catalog = common.openCatalog()) {
            List<PlacementVerification> results = new PlacementVerifications(catalog, engine.registry(), Clock.systemUTC(),
                    engine.signingKey().orElse(null))
                    .reverify(engine.config(), environment, image, engine.placementVerifier(), Actor.cliUser(), LogStream.of(spec.commandLine().getErr()));
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                var list = Json.MAPPER.createArrayNode();
                for (PlacementVerification v : results) {
                    var p = catalog.placement(v.placementId()).orElseThrow();
                    list.addObject().put("environment", p.environment()).put("family", p.family()).put("digest", p.digest())
                            .put("state", v.state().label()).put("detail", v.detail());
                }
                out.println(Json.write(list));
            } else {
                for (PlacementVerification v : results) {
                    var p = catalog.placement(v.placementId()).orElseThrow();
                    out.println(v.state().label() + " in " + p.environment() + ": " + p.targetRef() + " (" + p.digest() + "): " + v.detail());
                }
            }
            return results.stream().allMatch(v -> v.state() == PlacementVerification.State.VERIFIED) ? ErrorHandler.OK : ErrorHandler.FAILED;
        }
    }
}
