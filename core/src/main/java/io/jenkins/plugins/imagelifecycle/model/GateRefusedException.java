package io.jenkins.plugins.imagelifecycle.model;

/** A lifecycle rule refused the operation (parent retired, tests not passed, ...); nothing was changed. */
public class GateRefusedException extends LifecycleException {
    private static final long serialVersionUID = 1L;

    public GateRefusedException(String message) {
        super(message);
    }
}
