package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.EndOfLife;
import io.jenkins.plugins.imagelifecycle.lifecycle.CatalogPlacements;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyRunResult;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyRetirement;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetirePolicy;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireResult;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "retire", mixinStandardHelpOptions = true,
        description = "Retire an image (terminal: never promoted or built upon again), or apply a retirement policy.")
final class RetireCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "REF", description = "Reference or sha256: digest of the image to retire")
    String image;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record (required with --image)")
    String reason;

    @Option(names = "--cascade", description = "Retire every descendant too (default: they are flagged outdated)")
    boolean cascade;

    @Option(names = "--remove-from-environments", description = "Delete the environment copies' manifests in the registry")
    boolean removeFromEnvironments;

    @Option(names = "--purge", description = "Also delete the original pushed manifest (default: kept for traceability)")
    boolean purge;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Staged retirement policy (YAML: deprecate, retire, purge per family) to apply instead of --image")
    Path policy;

    @Option(names = "--dry-run", description = "With --policy: print each image's next stage and its date, and change nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        if ((image == null) == (policy == null)) {
            throw new BadInputException("Give exactly one of --image REF or --policy FILE");
        }
        PrintStream log = LogStream.of(spec.commandLine().getErr());
        try (Catalog catalog = common.openCatalog()) {
            if (policy != null) {
                return runPolicy(catalog, log);
            }
            if (dryRun) {
                throw new BadInputException("--dry-run applies to --policy only");
            }
            EndOfLife endOfLife = new EndOfLife(catalog, new ManifestDeletion(engine.registry()), CatalogPlacements.copies(catalog),
                    Actor.cliUser(), Clock.systemDefaultZone());
            RetireResult result = endOfLife.retire(new RetireRequest(image, reason, cascade, removeFromEnvironments, purge), log);
            print(result);
        }
        return ErrorHandler.OK;
    }

    private int runPolicy(Catalog catalog, PrintStream log) {
        RetirePolicy rules = RetirePolicy.load(policy);
        EndOfLife endOfLife = new EndOfLife(catalog, new ManifestDeletion(engine.registry()), CatalogPlacements.copies(catalog),
                Actor.cliUser(), Clock.systemUTC());
        PolicyRetirement retirement = new PolicyRetirement(endOfLife, CatalogPlacements.standingInEnvironments(catalog));
        PolicyRunResult result = dryRun ? new PolicyRunResult(retirement.plan(rules), List.of())
                : retirement.apply(rules, policy.toString(), log);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = PolicyOutput.json(result).put("policy", policy.toString()).put("dryRun", dryRun);
            out.println(Json.write(json));
            return ErrorHandler.OK;
        }
        out.println((dryRun ? "Dry run, nothing changed: " : "") + PolicyOutput.summary(result.decisions(), dryRun));
        PolicyOutput.table(result.decisions(), out);
        return ErrorHandler.OK;
    }

    private void print(RetireResult result) {
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            result.retired().forEach(json.putArray("retired")::add);
            result.outdated().forEach(json.putArray("outdated")::add);
            ArrayNode removals = json.putArray("removals");
            result.removals().forEach(r -> removals.addObject().put("ref", r.ref()).put("result", r.result().name().toLowerCase())
                    .put("message", r.message()));
            out.println(Json.write(json));
            return;
        }
        // each deletion was logged as it happened (standard error); the summary counts them once
        java.util.Map<String, Long> removals = new java.util.TreeMap<>();
        result.removals().forEach(r -> removals.merge(r.result().name().toLowerCase(), 1L, Long::sum));
        out.println("retired " + result.retired().size() + " image(s); " + result.outdated().size() + " descendant(s) now outdated"
                + (removals.isEmpty() ? "" : "; registry copies: " + removals.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "))));
    }
}
