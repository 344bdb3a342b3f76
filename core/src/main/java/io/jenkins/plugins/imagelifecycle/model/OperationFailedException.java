package io.jenkins.plugins.imagelifecycle.model;

/** A tool did its work and reported failure: a build step failed, a push was refused. */
public class OperationFailedException extends LifecycleException {
    private static final long serialVersionUID = 1L;

    public OperationFailedException(String message) {
        super(message);
    }

    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
