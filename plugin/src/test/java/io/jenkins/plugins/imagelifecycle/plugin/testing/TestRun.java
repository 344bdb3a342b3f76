package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.model.Cause;
import hudson.model.Run;
import java.io.File;

/** A build of the stand-in with its own root directory, started by a user. */
public final class TestRun extends Run<TestJob, TestRun> {
    public TestRun(TestJob job, int number, File rootDir, String userId) {
        super(job, number, rootDir);
        if (userId != null) {
            standInAddCause(new Cause.UserIdCause(userId));
        }
    }
}
