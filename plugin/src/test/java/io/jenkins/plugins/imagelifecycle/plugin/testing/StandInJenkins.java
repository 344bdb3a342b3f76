package io.jenkins.plugins.imagelifecycle.plugin.testing;

import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import java.io.File;
import java.nio.file.Path;
import jenkins.model.Jenkins;

/**
 * A controller for tests: the stand-in {@link Jenkins} with a JENKINS_HOME of the test's own, so the
 * plugin opens a fresh embedded catalog there. Not a Jenkins runtime (none can run here); see README.
 */
public final class StandInJenkins extends Jenkins implements AutoCloseable {
    private final String rootUrl;

    private StandInJenkins(File home, String rootUrl) throws Exception {
        super(home, null);
        this.rootUrl = rootUrl;
    }

    public static StandInJenkins start(Path home) throws Exception {
        ControllerCatalog.close();
        return new StandInJenkins(home.toFile(), "https://jenkins.example/");
    }

    @Override
    public String getRootUrl() {
        return rootUrl;
    }

    public Path home() {
        return getRootDir().toPath();
    }

    @Override
    public void close() {
        ControllerCatalog.close();
    }
}
