package io.jenkins.plugins.imagelifecycle.fitness;

import java.io.Serializable;
import java.util.List;

/**
 * The deploy-time answer: may this digest run in this environment now? Fit, or every reason it is not.
 *
 * @param digest  the digest asked about, or null when the reference names nothing the factory knows
 * @param current what stands in the environment for the image's family now, or null
 * @param notes   what a deployer should know that does not make it unfit (deprecated: days left)
 */
public record FitnessAnswer(String image, String digest, String environment, List<Reason> reasons, String current, List<String> notes)
        implements Serializable {
    /** @param code a stable word for machines: unknown, not-promoted, superseded, not-verified, retired, failed, end-of-life, outdated, vulnerable, not-signed */
    public record Reason(String code, String message) implements Serializable {
    }

    public FitnessAnswer {
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
    }

    public boolean fit() {
        return reasons.isEmpty();
    }
}
