package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;

/**
 * A build or push that was started and failed. Whoever records results writes a {@code failed} event
 * for the attempt (but no image) when it sees this; the message is the original one.
 */
public class BuildAttemptFailedException extends OperationFailedException {
    private static final long serialVersionUID = 1L;
    private final String target;

    public BuildAttemptFailedException(String target, LifecycleException cause) {
        super(cause.getMessage(), cause);
        this.target = target;
    }

    /** The reference that was being built. */
    public String target() {
        return target;
    }
}
