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
        jenkins.model.Jenkins.standInRegisterItem(this);
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

    /** The job's own grants, and what is granted on Jenkins itself (a matrix strategy's global grants hold on every item). */
    @Override
    public ACL getACL() {
        ACL own = grants.acl();
        return new ACL() {
            @Override
            public boolean hasPermission2(org.springframework.security.core.Authentication a, hudson.security.Permission p) {
                if (own.hasPermission2(a, p)) {
                    return true;
                }
                try {
                    return jenkins.model.Jenkins.get().getACL().hasPermission2(a, p);
                } catch (IllegalStateException noJenkins) {
                    return false;
                }
            }
        };
    }

    /** A new build of this job, in its history, with its own directory under {@code buildsDir}. */
    public TestRun newBuild(Path buildsDir, String userId) {
        int number = getBuilds().size() + 1;
        TestRun run = new TestRun(this, number, buildsDir.resolve(getFullName().replace('/', '_') + "-" + number).toFile(), userId);
        standInAddBuild(run);
        return run;
    }
}
