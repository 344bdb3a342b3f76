package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.security.ACL;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import java.io.File;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A controller for tests: the stand-in {@link Jenkins} with a JENKINS_HOME of the test's own, so the
 * plugin opens a fresh embedded catalog and configuration there. Not a Jenkins runtime (none can run
 * here); see README. The test thread acts as SYSTEM unless the test says otherwise.
 */
public final class StandInJenkins extends Jenkins implements AutoCloseable {
    private final String rootUrl;
    private final Grants grants = new Grants();

    private StandInJenkins(File home, String rootUrl) throws Exception {
        super(home, null);
        this.rootUrl = rootUrl;
    }

    public static StandInJenkins start(Path home) throws Exception {
        return start(home, "https://jenkins.example/");
    }

    /** A controller with a root URL of its own: one of several that share a catalog. */
    public static StandInJenkins start(Path home, String rootUrl) throws Exception {
        ControllerCatalog.close();
        Grants.actAsSystem();
        return new StandInJenkins(home.toFile(), rootUrl);
    }

    @Override
    public String getRootUrl() {
        return rootUrl;
    }

    public Grants grants() {
        return grants;
    }

    @Override
    public ACL getACL() {
        return grants.acl();
    }

    public Path home() {
        return getRootDir().toPath();
    }

    @Override
    public void close() {
        ControllerCatalog.close();
        SecurityContextHolder.clearContext();
    }
}
