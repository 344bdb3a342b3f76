package io.jenkins.plugins.imagelifecycle.plugin.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/** A Secret file credential, as plain-credentials' store would hold it. */
public record TestSecretFile(String id, String fileName, byte[] content) implements FileCredentials {
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
        return "test secret file " + id;
    }

    @Override
    public String getFileName() {
        return fileName;
    }

    @Override
    public InputStream getContent() {
        return new ByteArrayInputStream(content);
    }
}
