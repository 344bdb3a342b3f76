package io.jenkins.plugins.imagelifecycle.plugin;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.config.RegistryConfig;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.springframework.security.core.Authentication;

/**
 * The credentials a job's builds may use, for work done on the job's behalf outside a build (the upstream
 * trigger's checks of references its configurers chose): looked up as the credentials plugin looks up a
 * build's ({@code CredentialsProvider.findCredentialById} for a run), with the authentication the job's builds
 * run as (Authorize Project's, else SYSTEM) in the job's context, so System-scoped credentials, and under
 * Authorize Project those the build's user may not use (Credentials/UseItem), stay out of reach.
 */
public final class JobCredentials {
    private static final Logger LOGGER = Logger.getLogger(JobCredentials.class.getName());

    private JobCredentials() {
    }

    /** A username with password credential a build of {@code job} would see, by id. */
    public static Optional<StandardUsernamePasswordCredentials> usernamePassword(String id, Job<?, ?> job) {
        Authentication builds = job instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        List<StandardUsernamePasswordCredentials> candidates = new ArrayList<>(
                CredentialsProvider.lookupCredentialsInItem(StandardUsernamePasswordCredentials.class, job, builds));
        if (builds != ACL.SYSTEM2 && job.hasPermission2(builds, CredentialsProvider.USE_ITEM)) {
            candidates.addAll(CredentialsProvider.lookupCredentialsInItem(StandardUsernamePasswordCredentials.class, job, ACL.SYSTEM2));
        }
        return Optional.ofNullable(CredentialsMatchers.firstOrNull(candidates, CredentialsMatchers.withId(id)));
    }

    /**
     * The controller's registry client for work on behalf of {@code job}: each configured registry's credentials
     * when the job's builds may use them; a registry whose credentials they may not use is reached without any.
     */
    public static RegistryClient registryClient(Job<?, ?> job) {
        ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
        Map<String, RegistryCredentials> usable = new TreeMap<>();
        for (RegistryConfig registry : config.getRegistries()) {
            String id = registry.getCredentialsId();
            if (id == null || id.isBlank()) {
                continue;
            }
            usernamePassword(id, job).map(RegistryCredentialsLookup::toRegistry).ifPresentOrElse(c -> usable.put(registry.getHost(), c),
                    () -> LOGGER.info(() -> "Registry " + registry.getHost() + ": credentials '" + id + "' are not visible to "
                            + job.getFullName() + "'s builds (missing, System scope, or not usable by the user its builds run as); "
                            + "its upstream trigger checks that registry without them"));
        }
        return config.toLifecycleConfig().controllerRegistryClient(host -> Optional.ofNullable(usable.get(host)));
    }
}
