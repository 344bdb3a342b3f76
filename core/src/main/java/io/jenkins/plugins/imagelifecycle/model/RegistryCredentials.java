package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A user name and password (or token) for one registry. {@link #toString()} never shows the password,
 * so the value is safe to log by accident.
 */
public final class RegistryCredentials implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String username;
    private final String password;

    public RegistryCredentials(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryCredentials c && c.username.equals(username) && c.password.equals(password);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return username + ":****";
    }
}
