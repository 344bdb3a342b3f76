package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessAnswer;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessCheck;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessJson;
import io.jenkins.plugins.imagelifecycle.fitness.RegistrySignatureCheck;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "May this digest run in this environment now? Answered from the catalog. Exit 0 fit, 4 not fit (every reason "
                + "printed), 2 bad input, 1 failure.")
final class CheckCommand implements Callable<Integer> {
    static final int NOT_FIT = 4;

    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Digest, or reference (by digest, or the tag the environment's copy has)")
    String image;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment it is to run in")
    String environment;

    @Option(names = "--verify-signature", description = "Also read the copy's signatures from the registry and verify them (one round trip)")
    boolean verifySignature;

    @Override
    public Integer call() {
        try (Catalog catalog = common.openCatalog()) {
            var config = engine.config();
            FitnessAnswer answer = new FitnessCheck(catalog, config).check(image, environment, LocalDate.now(Clock.systemUTC()),
                    verifySignature ? new RegistrySignatureCheck(engine.registry()) : null);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                out.println(Json.write(FitnessJson.of(answer)));
            } else {
                out.println((answer.fit() ? "FIT " : "NOT FIT ") + Printable.of(answer.image()) + " in " + answer.environment()
                        + (answer.digest() == null ? "" : " (" + answer.digest() + ")"));
                answer.reasons().forEach(r -> out.println("  " + r.code() + ": " + Printable.of(r.message())));
                answer.notes().forEach(n -> out.println("  note: " + n));
            }
            return answer.fit() ? ErrorHandler.OK : NOT_FIT;
        }
    }
}
