package io.jenkins.plugins.imagelifecycle.model;

/** A named image, tag, environment or record does not exist. */
public class NotFoundException extends LifecycleException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
