package io.jenkins.plugins.imagelifecycle.plugin;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import java.io.File;
import java.nio.file.Path;
import jenkins.model.Jenkins;

/**
 * The controller's one open catalog and its lifecycle configuration. Steps record here after the agent
 * did the work; one pool serves every build, so concurrent builds never open the store twice.
 */
public final class ControllerCatalog {
    /** Directory under JENKINS_HOME holding the embedded catalog and config.yaml. */
    public static final String HOME_DIR = "image-lifecycle";

    private static Catalog open;
    private static String openLocation;

    private ControllerCatalog() {
    }

    public static synchronized Catalog get() {
        String location = location();
        if (open == null || !location.equals(openLocation)) {
            close();
            open = Catalog.open(location);
            openLocation = location;
        }
        return open;
    }

    /** Environments and registries: JENKINS_HOME/image-lifecycle/config.yaml when present, else the defaults. */
    public static LifecycleConfig config() {
        Path file = home().toPath().resolve("config.yaml");
        return LifecycleConfig.load(file, false);
    }

    public static synchronized void close() {
        if (open != null) {
            open.close();
            open = null;
            openLocation = null;
        }
    }

    private static String location() {
        return new File(home(), "catalog").getAbsolutePath();
    }

    private static File home() {
        return new File(Jenkins.get().getRootDir(), HOME_DIR);
    }
}
