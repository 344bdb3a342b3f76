package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.io.PrintStream;
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
                              LocalDate today, PrintStream log) {
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
            config.previous(env).ifPresent(previous -> {
                boolean placed = catalog.placements(image.digest()).stream().map(Placement::environment)
                        .anyMatch(previous.name()::equals);
                if (!placed) {
                    throw new GateRefusedException("Image " + who + " has not been in " + previous.name()
                            + ", which comes before " + env.name() + "; promote it there first");
                }
            });
        }
        if (env.protectedEnv() && (request.approver() == null || request.approver().isBlank())) {
            throw new GateRefusedException("Environment " + env.name() + " is protected: promotion needs an approver");
        }
        List<String> waived = AdvisoryGate.check(catalog, image, env, request, today);
        waived.forEach(w -> log.println("Finding waived for " + who + ": " + w));
        return waived;
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
