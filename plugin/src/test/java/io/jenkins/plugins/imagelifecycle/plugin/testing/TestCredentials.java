package io.jenkins.plugins.imagelifecycle.plugin.testing;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;

/** A username with password credential, as the credentials plugin's store would hold it. */
public record TestCredentials(String id, String username, String password) implements StandardUsernamePasswordCredentials {
    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDescription() {
        return "test credentials " + id;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public Secret getPassword() {
        return Secret.fromString(password);
    }
}
