package io.jenkins.plugins.imagelifecycle.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.security.ACL;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.config.RegistryConfig;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Credentials for work that belongs to no build (the catalog connection, the trigger's checks,
 * retirement from the page), from the system store.
 */
public final class SystemCredentials {
    private SystemCredentials() {
    }

    /** A username with password credential of the system store, by id. */
    public static Optional<StandardUsernamePasswordCredentials> usernamePassword(String id) {
        return Optional.ofNullable(CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StandardUsernamePasswordCredentials.class, Jenkins.get(), ACL.SYSTEM2),
                CredentialsMatchers.withId(id)));
    }

    /** A credential of the system store of the given type, by id. */
    public static <C extends com.cloudbees.plugins.credentials.common.StandardCredentials> Optional<C> byId(Class<C> type, String id) {
        return Optional.ofNullable(CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2), CredentialsMatchers.withId(id)));
    }

    /** The controller's registry client, presenting each configured registry's credentials. */
    public static RegistryClient registryClient() {
        ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
        List<RegistryConfig> registries = config.getRegistries();
        return config.toLifecycleConfig().controllerRegistryClient(host -> registries.stream()
                .filter(r -> r.getHost().equals(host) && r.getCredentialsId() != null)
                .findFirst().flatMap(r -> usernamePassword(r.getCredentialsId()))
                .map(RegistryCredentialsLookup::toRegistry));
    }
}
