package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.io.Serializable;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registries a client may reach. A Jenkins controller's client is given the configured registries: a
 * Jenkinsfile's {@code from:} or {@code base:} must not make the controller contact any host it names (the
 * agents reach what they like; they are the build's machines). An empty list restricts nothing, so that a
 * controller without configured registries, and the command line, work as before; listing one registry
 * turns the restriction on.
 */
public record ListedRegistries(Set<String> hosts) implements Serializable {
    public ListedRegistries {
        hosts = Set.copyOf(new TreeSet<>(hosts));
    }

    /** No restriction. */
    public static ListedRegistries any() {
        return new ListedRegistries(Set.of());
    }

    public static ListedRegistries of(Collection<String> hosts) {
        return new ListedRegistries(Set.copyOf(hosts));
    }

    public boolean allows(String host) {
        return hosts.isEmpty() || hosts.contains(host);
    }

    /** @throws OperationFailedException naming the host and the listed ones, before anything is sent */
    public void check(String host, String what) {
        if (!allows(host)) {
            throw new OperationFailedException("Registry " + host + " is not one of the configured registries ("
                    + String.join(", ", new TreeSet<>(hosts)) + "), which are the only ones the controller contacts; refused to "
                    + what + " (list it in the configuration's registries, or do it on an agent)");
        }
    }
}
