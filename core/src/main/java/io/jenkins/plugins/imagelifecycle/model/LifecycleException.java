package io.jenkins.plugins.imagelifecycle.model;

/**
 * Root of the failures that users must tell apart. Each subtype is one kind of failure; the message
 * always names the value at fault and what was expected, and never carries a secret.
 */
public abstract class LifecycleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected LifecycleException(String message) {
        super(message);
    }

    protected LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
