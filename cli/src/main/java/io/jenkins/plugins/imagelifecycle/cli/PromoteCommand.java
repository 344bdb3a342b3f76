package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromotionResult;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.AdvisoryWaiver;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Copy the recorded, tested digest of an image unchanged into an environment (registry to registry, "
                + "with its attestations) and record who, when and with whose approval.")
final class PromoteCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Reference or sha256: digest of a catalog image")
    String image;

    @Option(names = "--to", required = true, paramLabel = "ENV", description = "Environment, as configured (default: dev, qa, prod)")
    String environment;

    @Option(names = "--approver", paramLabel = "NAME", description = "Who approved; required for protected environments")
    String approver;

    @Option(names = "--waive-tests", paramLabel = "REASON", description = "Promote without passing tests; the reason is recorded")
    String waiveTests;

    /** One accepted finding: repeat the three options for each advisory. */
    static final class Waiver {
        @Option(names = "--waive-advisory", required = true, paramLabel = "ID",
                description = "An advisory (or its CVE) whose finding the environment's vulnerability gate may let through")
        String advisory;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is accepted (recorded)")
        String reason;

        @Option(names = "--until", required = true, paramLabel = "DATE", description = "Last day the waiver holds (yyyy-MM-dd)")
        String until;

        AdvisoryWaiver toWaiver() {
            try {
                return new AdvisoryWaiver(advisory, reason, LocalDate.parse(until));
            } catch (DateTimeParseException e) {
                throw new BadInputException("--until '" + until + "' of the waiver of " + advisory + " is not a date; expected yyyy-MM-dd");
            }
        }
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Waiver> waivers = new ArrayList<>();

    @Override
    public Integer call() {
        try (Catalog catalog = common.openCatalog()) {
            PromotionResult result = engine.promotion(catalog)
                    .promote(new PromoteRequest(image, environment, approver, waiveTests, waivers.stream().map(Waiver::toWaiver).toList()),
                            Actor.cliUser(),
                            LogStream.of(spec.commandLine().getErr()));
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                // ref, digest and pinned name what now stands in the environment, as bless's name what it pushed
                ImageRecord source = catalog.require(result.digest());
                ObjectNode json = Json.object().put("ref", result.targetRef()).put("digest", result.digest())
                        .put("pinned", pinned(result.targetRef(), source, result.digest()))
                        .put("source", source.repository() + "@" + result.digest()).put("target", result.targetRef())
                        .put("environment", result.environment()).put("alreadyThere", result.alreadyThere())
                        .put("previous", result.previous()).put("attestationsCopied", result.attestationsCopied());
                putVerification(json, result);
                out.println(Json.write(json));
            } else {
                out.println((result.alreadyThere() ? "already in " : "promoted to ") + result.environment() + ": "
                        + result.targetRef() + " (" + result.digest() + ")" + verificationText(result));
            }
            return result.verificationFailed() ? ErrorHandler.FAILED : ErrorHandler.OK;
        }
    }

    static void putVerification(ObjectNode json, PromotionResult result) {
        json.put("verification", result.verification() == null ? null : result.verification().state().label());
        json.put("verificationDetail", result.verification() == null ? null : result.verification().detail());
    }

    static String verificationText(PromotionResult result) {
        return result.verification() == null ? "" : "; " + result.verification().state().label() + ": " + result.verification().detail();
    }

    /** The promoted copy by digest; a host image's artifact is not in a registry and keeps its own name. */
    private static String pinned(String targetRef, ImageRecord source, String digest) {
        try {
            return ImageRef.parse(targetRef).withoutDigest().name() + "@" + digest;
        } catch (io.jenkins.plugins.imagelifecycle.model.BadInputException notARegistryRef) {
            return source.repository() + "@" + digest;
        }
    }
}
