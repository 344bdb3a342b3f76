package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * One state of the verification of a placement (append-only: the newest row is the placement's state now).
 *
 * @param detail what ran and how it ended (test counts, the command's exit, a timeout), for people
 */
public record PlacementVerification(long placementId, State state, Instant at, String actor, String detail) implements Serializable {
    public enum State {
        /** promoted, verification not finished (or, with {@code wait: false}, not yet run) */
        VERIFYING("verifying"),
        VERIFIED("verified"),
        FAILED("verification failed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static State of(String name) {
            return valueOf(name);
        }
    }
}
