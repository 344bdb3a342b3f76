package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * An image placed in an environment: where its copy is, who put it there, who approved, and what
 * stood there before (so a rollback is a promotion of {@code previous}).
 *
 * @param family      the image family: the repository the image was first pushed to
 * @param waivedTests the reason tests were waived, or null when they had passed
 * @param kind        {@link #PROMOTION} or {@link #ROLLBACK}: how the digest came to stand there
 */
public record Placement(long id, String environment, String family, String digest, String targetRef, Instant placedAt,
                        String actor, String approver, String previous, String waivedTests, String kind) implements Serializable {
    public static final String PROMOTION = "promotion";
    public static final String ROLLBACK = "rollback";

    public Placement {
        kind = kind == null ? PROMOTION : kind;
    }

    public Placement(long id, String environment, String family, String digest, String targetRef, Instant placedAt,
                     String actor, String approver, String previous, String waivedTests) {
        this(id, environment, family, digest, targetRef, placedAt, actor, approver, previous, waivedTests, PROMOTION);
    }

    public boolean isRollback() {
        return ROLLBACK.equals(kind);
    }
}
