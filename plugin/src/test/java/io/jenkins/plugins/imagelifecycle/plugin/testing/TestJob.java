package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.model.Job;
import hudson.model.Queue;
import hudson.security.ACL;
import java.nio.file.Path;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * A job of the stand-in, named as a folder path would be, with its builds, who may do what on it, and who its
 * builds run as (a buildable job is a queue task, as a Pipeline job is).
 */
public final class TestJob extends Job<TestJob, TestRun> implements Queue.Task {
    private final Grants grants = new Grants();
    private volatile Authentication buildsRunAs = ACL.SYSTEM2;

    public TestJob(String fullName) {
        super(fullName);
    }

    public Grants grants() {
        return grants;
    }

    /** Its builds run as {@code user}: what Authorize Project's "run as a specific user" makes Jenkins answer. */
    public TestJob buildsRunAs(String user) {
        buildsRunAs = new UsernamePasswordAuthenticationToken(user, "n/a", java.util.List.of());
        return this;
    }

    @Override
    public Authentication getDefaultAuthentication2() {
        return buildsRunAs;
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
