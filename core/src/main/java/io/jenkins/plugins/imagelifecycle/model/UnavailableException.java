package io.jenkins.plugins.imagelifecycle.model;

/** The Docker engine, a registry or another service could not be reached. */
public class UnavailableException extends LifecycleException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnavailableException(String message) {
        super(message);
    }
}
