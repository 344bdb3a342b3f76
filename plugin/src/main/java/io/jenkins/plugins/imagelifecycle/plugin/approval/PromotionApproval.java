package io.jenkins.plugins.imagelifecycle.plugin.approval;

import java.io.Serializable;
import java.time.Instant;

/**
 * One protected promotion of a run that waited for a person: what it asked to place where, and how it ended.
 * Kept in build.xml with the run's {@link PromotionApprovalAction}, so the build page shows who decided.
 */
public final class PromotionApproval implements Serializable {
    private static final long serialVersionUID = 1L;

    /** waiting: no one has decided; abandoned: the build stopped (or the controller restarted) while it waited. */
    public enum State { WAITING, APPROVED, REJECTED, ABANDONED }

    private final String id;
    private final String digest;
    private final String ref;
    private final String environment;
    private final String approvers;
    private final long requestedAt;
    private State state = State.WAITING;
    private String decidedBy;
    private long decidedAt;
    private String comment;

    PromotionApproval(String id, String digest, String ref, String environment, String approvers, Instant requestedAt) {
        this.id = id;
        this.digest = digest;
        this.ref = ref;
        this.environment = environment;
        this.approvers = approvers;
        this.requestedAt = requestedAt.toEpochMilli();
    }

    synchronized void decide(State decided, String by, String why, Instant at) {
        this.state = decided;
        this.decidedBy = by;
        this.comment = why;
        this.decidedAt = at.toEpochMilli();
    }

    public String getId() {
        return id;
    }

    public String getDigest() {
        return digest;
    }

    public String getRef() {
        return ref;
    }

    public String getEnvironment() {
        return environment;
    }

    /** Who may approve, as the configuration said when the promotion asked; "anyone with Promote" when it named no one. */
    public String getApprovers() {
        return approvers;
    }

    public Instant getRequestedAt() {
        return Instant.ofEpochMilli(requestedAt);
    }

    public synchronized State getState() {
        return state;
    }

    public synchronized boolean isWaiting() {
        return state == State.WAITING;
    }

    public synchronized String getDecidedBy() {
        return decidedBy;
    }

    public synchronized Instant getDecidedAt() {
        return decidedAt == 0 ? null : Instant.ofEpochMilli(decidedAt);
    }

    public synchronized String getComment() {
        return comment;
    }
}
