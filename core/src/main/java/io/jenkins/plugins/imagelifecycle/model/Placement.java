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
 * @param approval    {@link #AUTHENTICATED} (a signed-in user approved in Jenkins), {@link #STATED} (a name given on the
 *                    command line, not authenticated), or null when no one approved
 */
public record Placement(long id, String environment, String family, String digest, String targetRef, Instant placedAt,
                        String actor, String approver, String previous, String waivedTests, String kind, String approval)
        implements Serializable {
    public static final String PROMOTION = "promotion";
    public static final String ROLLBACK = "rollback";
    public static final String AUTHENTICATED = "authenticated";
    public static final String STATED = "stated";

    public Placement {
        kind = kind == null ? PROMOTION : kind;
        approval = approver == null ? null : approval == null ? STATED : approval;
    }

    public Placement(long id, String environment, String family, String digest, String targetRef, Instant placedAt,
                     String actor, String approver, String previous, String waivedTests, String kind) {
        this(id, environment, family, digest, targetRef, placedAt, actor, approver, previous, waivedTests, kind, null);
    }

    /** The approver as a record shows it: the name, and whether Jenkins authenticated that person. */
    public String approvalText() {
        return approver == null ? null : approver + (AUTHENTICATED.equals(approval) ? " (authenticated)" : " (stated, not authenticated)");
    }

    public Placement(long id, String environment, String family, String digest, String targetRef, Instant placedAt,
                     String actor, String approver, String previous, String waivedTests) {
        this(id, environment, family, digest, targetRef, placedAt, actor, approver, previous, waivedTests, PROMOTION);
    }

    public boolean isRollback() {
        return ROLLBACK.equals(kind);
    }
}
