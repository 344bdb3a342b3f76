package io.jenkins.plugins.imagelifecycle.model;

/** The caller gave a value that cannot be used; nothing was changed. */
public class BadInputException extends LifecycleException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
