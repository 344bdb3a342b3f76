package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** A Secret text credential, as plain-credentials' store would hold it. */
public record TestSecretText(String id, String text) implements StringCredentials {
    @Override
    public com.cloudbees.plugins.credentials.CredentialsScope getScope() {
        return com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDescription() {
        return "test secret text " + id;
    }

    @Override
    public Secret getSecret() {
        return Secret.fromString(text);
    }
}
