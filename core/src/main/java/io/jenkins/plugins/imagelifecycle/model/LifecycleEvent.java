package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * One append-only change record: who did what to which image, when, from which stage to which, and why.
 *
 * @param id        assigned by the catalog; 0 before it is stored
 * @param at        when it happened
 * @param actor     user, or job and build number
 * @param action    bless, augment, test, promote, deprecate, retire, …
 * @param digest    the image concerned; null for an attempt that produced no image
 * @param ref       the reference the action worked on
 * @param fromStage stage before, null for a birth or a failed attempt
 * @param toStage   stage after
 * @param reason    a person's words or the failure message
 * @param details   JSON with what else the action wants on record (environment, approver, …)
 */
public record LifecycleEvent(
        long id,
        Instant at,
        String actor,
        String action,
        String digest,
        String ref,
        Stage fromStage,
        Stage toStage,
        String reason,
        String details) implements Serializable {

    public static LifecycleEvent of(String actor, String action, String digest, String ref,
                                    Stage fromStage, Stage toStage, String reason, String details) {
        return new LifecycleEvent(0, Instant.now(), actor, action, digest, ref, fromStage, toStage, reason, details);
    }
}
