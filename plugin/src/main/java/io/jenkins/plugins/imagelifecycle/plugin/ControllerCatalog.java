package io.jenkins.plugins.imagelifecycle.plugin;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogDatabase;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import java.io.File;
import java.util.Objects;
import jenkins.model.Jenkins;

/**
 * The controller's one open catalog, as the global configuration says: embedded under JENKINS_HOME, or
 * a shared PostgreSQL catalog by JDBC URL and credentials. One pool serves every build; a changed
 * location or credentials id opens the new catalog and closes the old one.
 */
public final class ControllerCatalog {
    /** Directory under JENKINS_HOME holding the embedded catalog. */
    public static final String HOME_DIR = "image-lifecycle";

    private static Catalog open;
    private static String openKey;

    private ControllerCatalog() {
    }

    public static synchronized Catalog get() {
        ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
        String url = config.getCatalogUrl();
        String key = url == null ? embeddedLocation() : url + "|" + config.getCatalogCredentialsId();
        if (open == null || !key.equals(openKey)) {
            close();
            open = url == null ? Catalog.open(embeddedLocation()) : new Catalog(jdbc(url, config.getCatalogCredentialsId()));
            openKey = key;
        }
        return open;
    }

    /** Environments and registries from the global configuration. */
    public static LifecycleConfig config() {
        return ImageLifecycleConfiguration.get().toLifecycleConfig();
    }

    public static synchronized void close() {
        if (open != null) {
            open.close();
            open = null;
            openKey = null;
        }
    }

    private static CatalogDatabase jdbc(String url, String credentialsId) {
        if (credentialsId == null) {
            return CatalogDatabase.open(url);
        }
        StandardUsernamePasswordCredentials c = SystemCredentials.usernamePassword(credentialsId).orElseThrow(() ->
                new BadInputException("Catalog credentials '" + credentialsId + "' not found; expected the id of a "
                        + "username with password credential in the system store"));
        return CatalogDatabase.open(url, c.getUsername(), Objects.requireNonNull(c.getPassword()).getPlainText());
    }

    private static String embeddedLocation() {
        return new File(new File(Jenkins.get().getRootDir(), HOME_DIR), "catalog").getAbsolutePath();
    }
}
