package io.jenkins.plugins.imagelifecycle.verify;

import java.io.Serializable;

/** The outcome of one test: its name, kind (command, fileExistence …), pass or fail, time, why. */
public record TestResult(String name, String kind, boolean passed, long durationMillis, String message)
        implements Serializable {

    static TestResult pass(String name, String kind, long millis) {
        return new TestResult(name, kind, true, millis, "");
    }

    static TestResult fail(String name, String kind, long millis, String message) {
        return new TestResult(name, kind, false, millis, message);
    }
}
