package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.model.Job;
import hudson.security.ACL;
import java.nio.file.Path;

/** A job of the stand-in, named as a folder path would be, with its builds and who may do what on it. */
public final class TestJob extends Job<TestJob, TestRun> {
    private final Grants grants = new Grants();

    public TestJob(String fullName) {
        super(fullName);
    }

    public Grants grants() {
        return grants;
    }

    @Override
    public ACL getACL() {
        return grants.acl();
    }

    /** A new build of this job, in its history, with its own directory under {@code buildsDir}. */
    public TestRun newBuild(Path buildsDir, String userId) {
        int number = getBuilds().size() + 1;
        TestRun run = new TestRun(this, number, buildsDir.resolve(getFullName().replace('/', '_') + "-" + number).toFile(), userId);
        standInAddBuild(run);
        return run;
    }
}
