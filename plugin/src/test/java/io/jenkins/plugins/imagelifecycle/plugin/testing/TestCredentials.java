package io.jenkins.plugins.imagelifecycle.plugin.testing;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;

/** A username with password credential, as the credentials plugin's store would hold it (Global scope unless given). */
public record TestCredentials(String id, String username, String password, CredentialsScope scope)
        implements StandardUsernamePasswordCredentials {
    public TestCredentials(String id, String username, String password) {
        this(id, username, password, CredentialsScope.GLOBAL);
    }

    @Override
    public CredentialsScope getScope() {
        return scope;
    }

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
