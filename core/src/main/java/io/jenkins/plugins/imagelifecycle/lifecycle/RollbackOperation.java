package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.AdvisoryWaiver;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;

/**
 * Back to a digest that stood in an environment before (the previous one, or one named): a promotion of it,
 * through every gate a promotion passes (a retired, failed, vulnerable or unsigned image is not rolled back
 * to), recorded as a rollback.
 */
public final class RollbackOperation {
    private final Catalog catalog;
    private final LifecycleConfig config;
    private final PromoteOperation promote;

    public RollbackOperation(Catalog catalog, LifecycleConfig config, PromoteOperation promote) {
        this.catalog = catalog;
        this.config = config;
        this.promote = promote;
    }

    /**
     * @param image  any image of the family to roll back, or null when the environment holds one family only
     * @param to     the digest to go back to, or null for the one that stood there before the current one
     */
    public PromotionResult rollback(String environment, String image, String to, String approver, List<AdvisoryWaiver> waivers, String actor,
                                    PrintStream log) {
        return promote.promote(request(environment, image, to, approver, waivers, log), actor, log);
    }

    /** The promotion a rollback is: the digest chosen, through the same gates (a front end may have it approved first). */
    public PromoteRequest request(String environment, String image, String to, String approver, List<AdvisoryWaiver> waivers, PrintStream log) {
        Environment env = config.environment(environment);
        String family = family(env, image, to);
        String target = choose(env, family, to);
        log.println("Rolling " + env.name() + " (" + family + ") back to " + target);
        return new PromoteRequest(target, env.name(), approver, null, waivers, true);
    }

    private String family(Environment env, String image, String to) {
        if (image != null) {
            return catalog.require(image).repository();
        }
        if (to != null) {
            return catalog.require(requireDigest(to)).repository();
        }
        // every family ever placed there, not only those standing: one withdrawn at its retirement is rolled back too,
        // and is never mistaken for the one family left standing
        TreeSet<String> families = new TreeSet<>();
        catalog.environmentPlacements(env.name()).forEach(p -> families.add(p.family()));
        if (families.size() == 1) {
            return families.first();
        }
        throw new BadInputException(families.isEmpty() ? "Nothing was ever placed in " + env.name() + "; there is nothing to roll back"
                : env.name() + " holds " + families.size() + " image families (" + String.join(", ", families)
                        + "); expected --image naming one of them");
    }

    private String choose(Environment env, String family, String to) {
        List<Placement> history = catalog.environmentHistory(env.name(), family);
        // none stands when the last one was retired there (withdrawn): a rollback puts an earlier one back
        String current = catalog.current(env.name(), family).orElse(null);
        if (current == null && history.isEmpty()) {
            throw new BadInputException("Nothing of " + family + " stands in " + env.name() + "; there is nothing to roll back");
        }
        if (to != null) {
            String digest = requireDigest(to);
            if (history.stream().noneMatch(p -> p.digest().equals(digest))) {
                throw new BadInputException("Digest " + digest + " never stood in " + env.name() + " for " + family
                        + "; expected one of its history (history --env " + env.name() + ")");
            }
            if (digest.equals(current)) {
                throw new BadInputException("Digest " + digest + " stands in " + env.name() + " now; expected an earlier one");
            }
            return digest;
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            String digest = history.get(i).digest();
            // a retired image is never put back (the gates would refuse it): the one before it is the choice
            if (!digest.equals(current) && catalog.find(digest).map(image -> image.stage() != Stage.RETIRED).orElse(false)) {
                return digest;
            }
        }
        throw new BadInputException((current == null ? "Every image that stood in " + env.name() + " for " + family + " is retired"
                : "Only " + current + " has stood in " + env.name() + " for " + family + " (or those before it are retired)")
                + "; there is nothing to roll back to");
    }

    private static String requireDigest(String to) {
        if (!Digest.isDigest(to)) {
            throw new BadInputException("Rollback target '" + to + "' is not a digest; expected sha256:<64 hex digits> of an image that stood there");
        }
        return to;
    }
}
