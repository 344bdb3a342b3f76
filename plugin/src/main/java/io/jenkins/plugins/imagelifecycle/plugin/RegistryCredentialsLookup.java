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

    /** @return the credentials, or null when no id is given (anonymous registry access) */
    public static RegistryCredentials resolve(String credentialsId, Run<?, ?> run) throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            return null;
        }
        StandardUsernamePasswordCredentials found =
                CredentialsProvider.findCredentialById(credentialsId, StandardUsernamePasswordCredentials.class, run);
        if (found == null) {
            throw new AbortException("Credentials '" + credentialsId + "' not found for " + run.getExternalizableId()
                    + "; expected the id of a username with password credential");
        }
        return new RegistryCredentials(found.getUsername(), found.getPassword().getPlainText());
    }
}
