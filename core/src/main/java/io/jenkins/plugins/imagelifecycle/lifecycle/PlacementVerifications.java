package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification.State;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import io.jenkins.plugins.imagelifecycle.verify.TestResult;
import io.jenkins.plugins.imagelifecycle.verify.TestResultStatement;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The verification of placements in their environment: run after a promotion, and again on {@code reverify}.
 * Each state is an event of the image; the results go beside the promoted copy as a test-result attestation
 * (signed when there is a key). A failure makes the image ineligible for the next environment (see
 * {@link PromotionGates}) and unfit to run there (the deploy-time check).
 */
public final class PlacementVerifications {
    public static final String VERIFYING = "verifying";
    public static final String VERIFIED = "verified";
    public static final String FAILED = "verification-failed";

    private final Catalog catalog;
    private final RegistryClient registry;
    private final Clock clock;
    private final SigningKey key;

    /** @param key signs the test-result attestation stored beside the promoted copy; null: stored bare */
    public PlacementVerifications(Catalog catalog, RegistryClient registry, Clock clock, SigningKey key) {
        this.catalog = catalog;
        this.registry = registry;
        this.clock = clock;
        this.key = key;
    }

    /** The first state of a placement that must be verified, recorded with the placement itself. */
    static PlacementVerification verifying(Clock clock, String actor) {
        return new PlacementVerification(0, State.VERIFYING, clock.instant(), actor, "promoted; verification not finished");
    }

    static LifecycleEvent verifyingEvent(ImageRecord image, Environment env, String targetRef, String actor) {
        return LifecycleEvent.of(actor, VERIFYING, image.digest(), targetRef, image.stage(), image.stage(),
                "verifying in " + env.name(), Json.write(Json.object().put("environment", env.name())));
    }

    /** Runs {@code env}'s verify against the placement's copy and records the outcome. */
    public PlacementVerification run(Placement placement, Environment env, ImageRecord image, PlacementVerifier verifier, String actor,
                                     PrintStream log) {
        boolean container = image.role() != Role.HOST;
        String pinned = container ? ImageRef.parse(placement.targetRef()).withoutDigest().name() + "@" + placement.digest()
                : placement.targetRef();
        log.println("Verifying " + pinned + " in " + env.name());
        TestReport report;
        try {
            report = verifier.verify(env, pinned, container, log);
        } catch (RuntimeException e) {
            // the placement is already recorded: whatever stopped the verification (a command that cannot start, the
            // engine or the registry failing) marks it failed with the reason, never leaves it verifying
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            report = new TestReport(pinned, List.of(), List.of(new TestResult("verification in " + env.name(), "verify", false, 0,
                    why)), clock.instant(), clock.instant());
        }
        return record(placement, env, image, report, actor, log);
    }

    private PlacementVerification record(Placement placement, Environment env, ImageRecord image, TestReport report, String actor,
                                         PrintStream log) {
        boolean passed = report.passed();
        String detail = report.summary() + (passed ? "" : "; failed: " + String.join(", ", report.failedNames())
                + report.results().stream().filter(r -> !r.passed()).findFirst().map(r -> " (" + r.message() + ")").orElse(""));
        String attestation = attach(placement, image, report, log);
        var details = Json.object().put("environment", env.name()).put("target", placement.targetRef()).put("placement", placement.id())
                .put("passed", report.passedCount()).put("failed", report.failedCount()).put("attestation", attestation);
        details.set("failedTests", Json.MAPPER.valueToTree(report.failedNames()));
        List<Object> results = new ArrayList<>();
        report.results().forEach(r -> results.add(java.util.Map.of("name", r.name(), "kind", r.kind(), "passed", r.passed(),
                "message", r.message() == null ? "" : r.message())));
        details.set("results", Json.MAPPER.valueToTree(results));
        PlacementVerification v = new PlacementVerification(placement.id(), passed ? State.VERIFIED : State.FAILED, clock.instant(), actor,
                detail);
        catalog.recordVerification(v, LifecycleEvent.of(actor, passed ? VERIFIED : FAILED, image.digest(), placement.targetRef(),
                image.stage(), image.stage(), (passed ? "verified in " : "verification failed in ") + env.name() + ": " + detail,
                Json.write(details)));
        log.println((passed ? "Verified in " : "Verification FAILED in ") + env.name() + ": " + detail);
        return v;
    }

    /** The results beside the promoted copy; a registry that refuses them leaves the verification recorded all the same. */
    private String attach(Placement placement, ImageRecord image, TestReport report, PrintStream log) {
        if (image.role() == Role.HOST || report.results().isEmpty()) {
            return null;
        }
        ImageRef repo = ImageRef.parse(placement.targetRef()).withoutDigest();
        Digest digest = Digest.parse(placement.digest());
        try {
            String statement = Json.write(TestResultStatement.of(repo.name(), digest, report));
            return BuildAttestations.push(registry, repo, digest, statement, TestResultStatement.PREDICATE_TYPE, key).digest().toString();
        } catch (LifecycleException e) {
            log.println("WARNING: the verification results could not be stored beside " + repo.name() + "@" + digest + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Verifies again what stands in {@code environment} now: every family, or the one {@code image} belongs to.
     * A failure makes the image ineligible downstream from now on.
     */
    public List<PlacementVerification> reverify(LifecycleConfig config, String environment, String image, PlacementVerifier verifier,
                                                String actor, PrintStream log) {
        Environment env = config.environment(environment);
        if (env.verify() == null) {
            throw new BadInputException("Environment " + env.name() + " has no verify settings; expected tests and/or a command under "
                    + "its verify:");
        }
        verifier.prepare(env);
        String family = image == null ? null : catalog.require(image).repository();
        List<Placement> standing = catalog.currentPlacements().stream().filter(p -> p.environment().equals(env.name()))
                .filter(p -> family == null || p.family().equals(family)).toList();
        if (standing.isEmpty()) {
            throw new BadInputException("Nothing stands in " + env.name() + (family == null ? "" : " for " + family)
                    + "; expected an environment an image has been promoted to");
        }
        List<PlacementVerification> out = new ArrayList<>();
        for (Placement p : standing) {
            ImageRecord record = catalog.require(p.digest());
            catalog.recordVerification(new PlacementVerification(p.id(), State.VERIFYING, clock.instant(), actor, "reverify"),
                    verifyingEvent(record, env, p.targetRef(), actor));
            out.add(run(p, env, record, verifier, actor, log));
        }
        return out;
    }
}
