package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.config.Durations;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The rules an image must pass to enter an environment, each refusing with the reason and changing
 * nothing: not failed or retired, not past its end of life, tests passed (or explicitly waived),
 * placed in the previous environment before (unless the environment allows skipping), an approver
 * for a protected environment, no open finding at or above the environment's {@code blockSeverity} unless waived.
 */
final class PromotionGates {
    private PromotionGates() {
    }

    /** @return the findings the request waived, for the promotion's record */
    static List<String> check(Catalog catalog, LifecycleConfig config, ImageRecord image, Environment env, PromoteRequest request,
                              java.time.Instant now, PrintStream log) {
        LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        String who = image.displayRef() + " (" + image.digest() + ")";
        LifecycleRules.checkPromotable(image, today).ifPresent(log::println);
        if (!testsPassed(catalog, image)) {
            if (request.waiveTests() == null || request.waiveTests().isBlank()) {
                throw new GateRefusedException("Image " + who + " has no passing test run (stage " + image.stage().id()
                        + "); test it first, or waive the tests with a reason");
            }
            log.println("Tests waived for " + who + ": " + request.waiveTests());
        }
        if (!env.allowSkip()) {
            config.previous(env).ifPresent(previous -> checkStoodInPrevious(catalog, image, env, previous, now));
        }
        if (env.protectedEnv() && request.waiveTests() == null) {
            checkTestedByATrustedJob(catalog, image, env);
        }
        if (env.protectedEnv() && (request.approver() == null || request.approver().isBlank())) {
            throw new GateRefusedException("Environment " + env.name() + " is protected: promotion needs an approver");
        }
        List<String> waived = AdvisoryGate.check(catalog, image, env, request, today);
        waived.forEach(w -> log.println("Finding waived for " + who + ": " + w));
        return waived;
    }

    /**
     * The image stood in the environment before this one, is verified there (when that environment verifies, or a
     * verification was recorded), and has stood there for this environment's soak time.
     */
    private static void checkStoodInPrevious(Catalog catalog, ImageRecord image, Environment env, Environment previous, Instant now) {
        String who = image.displayRef() + " (" + image.digest() + ")";
        List<Placement> there = catalog.placements(image.digest()).stream().filter(p -> p.environment().equals(previous.name())).toList();
        if (there.isEmpty()) {
            throw new GateRefusedException("Image " + who + " has not been in " + previous.name()
                    + ", which comes before " + env.name() + "; promote it there first");
        }
        Placement latest = there.get(there.size() - 1);
        PlacementVerification v = catalog.verifications(List.of(latest.id())).get(latest.id());
        if (v != null && v.state() != PlacementVerification.State.VERIFIED || v == null && previous.verify() != null) {
            throw new GateRefusedException("Image " + who + " is not verified in " + previous.name() + " ("
                    + (v == null ? "no verification recorded" : v.state().label() + " at " + v.at() + ": " + v.detail())
                    + "); only a verified placement may go on to " + env.name() + "; verify it again with reverify --env " + previous.name());
        }
        Duration soak = env.soakDuration();
        Instant eligible = latest.placedAt().plus(soak);
        if (now.isBefore(eligible)) {
            throw new GateRefusedException("Image " + who + " has stood in " + previous.name() + " since " + latest.placedAt() + "; "
                    + env.name() + " needs a soak of " + Durations.format(soak) + " there: eligible at " + eligible);
        }
    }

    /**
     * In a protected environment a passing test run counts only when the job that built the image recorded it, or
     * a job the environment trusts as a tester: otherwise any job could mark another team's image tested with a
     * spec of its own and unlock its promotion. Runs outside Jenkins (the CLI) are taken as they are: whoever
     * runs the CLI writes the catalog anyway.
     */
    private static void checkTestedByATrustedJob(Catalog catalog, ImageRecord image, Environment env) {
        String builder = io.jenkins.plugins.imagelifecycle.model.RunActors.jobOf(image.builtBy());
        List<io.jenkins.plugins.imagelifecycle.model.TestRunRecord> passing = catalog.testRuns(image.digest()).stream()
                .filter(io.jenkins.plugins.imagelifecycle.model.TestRunRecord::isPassed).toList();
        if (builder == null || passing.isEmpty()) {
            return;
        }
        boolean trusted = passing.stream().map(r -> io.jenkins.plugins.imagelifecycle.model.RunActors.jobOf(r.actor()))
                .anyMatch(job -> job == null || job.equals(builder)
                        || env.trustedTesters().stream().anyMatch(t -> io.jenkins.plugins.imagelifecycle.model.RunActors.matches(job, t)));
        if (!trusted) {
            throw new GateRefusedException("Image " + image.displayRef() + " (" + image.digest() + ") was tested only by "
                    + String.join(", ", passing.stream().map(io.jenkins.plugins.imagelifecycle.model.TestRunRecord::actor).distinct().toList())
                    + ", not by " + builder + " that built it; protected environment " + env.name() + " counts only that job's test runs"
                    + " and those of its trusted testers (trustedTesters)");
        }
    }

    /** Tested now, or deprecated with a passing run on record. */
    static boolean testsPassed(Catalog catalog, ImageRecord image) {
        if (image.stage() == Stage.TESTED) {
            return true;
        }
        return image.stage() == Stage.DEPRECATED
                && catalog.latestTestRun(image.digest()).map(r -> r.isPassed()).orElse(false);
    }
}
