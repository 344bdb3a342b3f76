package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.model.Job;
import hudson.security.ACL;
import java.nio.file.Path;

/** A job of the stand-in, named as a folder path would be, with its builds and who may do what on it. */
public final class TestJob extends Job<TestJob, TestRun> {
    private final Grants grants = new Grants();

    public TestJob(String fullName) {
        super(fullName);
        jenkins.model.Jenkins.standInRegisterItem(this);
    }

    public Grants grants() {
        return grants;
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
