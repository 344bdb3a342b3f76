package io.jenkins.plugins.imagelifecycle.plugin;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;

/** Resolves a step's credentialsId on the controller, with the run's permissions, to a username and password. */
public final class RegistryCredentialsLookup {
    private RegistryCredentialsLookup() {
    }

    /** A step's credentials id: refused when it does not resolve. @return null when no id is given (anonymous) */
    public static RegistryCredentials resolve(String credentialsId, Run<?, ?> run) throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        return find(credentialsId, run).orElseThrow(() -> new AbortException("Credentials '" + credentialsId + "' not found for "
                + run.getExternalizableId() + "; expected the id of a username with password credential"));
    }

    /** Credentials visible to the run (its folder's and the global ones), if any. */
    public static java.util.Optional<RegistryCredentials> find(String credentialsId, Run<?, ?> run) {
        StandardUsernamePasswordCredentials found =
                CredentialsProvider.findCredentialById(credentialsId, StandardUsernamePasswordCredentials.class, run);
        return java.util.Optional.ofNullable(found).map(RegistryCredentialsLookup::toRegistry);
    }

    static RegistryCredentials toRegistry(StandardUsernamePasswordCredentials c) {
        return new RegistryCredentials(c.getUsername(), c.getPassword().getPlainText());
    }
}
