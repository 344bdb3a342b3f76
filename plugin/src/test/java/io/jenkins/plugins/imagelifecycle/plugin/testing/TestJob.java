package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.model.Job;

/** A job of the stand-in, named as a folder path would be. */
public final class TestJob extends Job<TestJob, TestRun> {
    public TestJob(String fullName) {
        super(fullName);
    }
}
