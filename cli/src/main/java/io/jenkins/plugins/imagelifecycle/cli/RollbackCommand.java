package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromotionResult;
import io.jenkins.plugins.imagelifecycle.lifecycle.RollbackOperation;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Put back the digest that stood in an environment before the current one (or the one named), through every "
                + "gate of a promotion, recorded as a rollback.")
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "Environment to roll back")
    String environment;

    @Option(names = "--image", paramLabel = "REF", description = "An image of the family to roll back (needed when the environment holds several)")
    String image;

    @Option(names = "--to", paramLabel = "DIGEST", description = "The digest to go back to (default: the one before the current one)")
    String to;

    @Option(names = "--approver", paramLabel = "NAME", description = "Who approved; required for protected environments")
    String approver;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<PromoteCommand.Waiver> waivers = new ArrayList<>();

    @Override
    public Integer call() {
        try (Catalog catalog = common.openCatalog()) {
            PromotionResult result = new RollbackOperation(catalog, engine.config(), engine.promotion(catalog))
                    .rollback(environment, image, to, approver, waivers.stream().map(PromoteCommand.Waiver::toWaiver).toList(), Actor.cliUser(),
                            LogStream.of(spec.commandLine().getErr()));
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                ObjectNode json = Json.object().put("environment", result.environment()).put("digest", result.digest())
                        .put("target", result.targetRef()).put("previous", result.previous()).put("alreadyThere", result.alreadyThere());
                PromoteCommand.putVerification(json, result);
                out.println(Json.write(json));
            } else {
                out.println("rolled back " + result.environment() + " to " + result.targetRef() + " (" + result.digest() + ")"
                        + (result.previous() == null ? "" : "; before: " + result.previous()) + PromoteCommand.verificationText(result));
            }
            return result.verificationFailed() ? ErrorHandler.FAILED : ErrorHandler.OK;
        }
    }
}
