package io.jenkins.plugins.imagelifecycle.registry;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;

/**
 * How to reach one registry host: over HTTPS (optionally trusting a given CA file) or, only when the
 * user marks it insecure, over plain HTTP. Loopback hosts are insecure by default, as Docker treats
 * {@code 127.0.0.0/8}.
 */
public record RegistryEndpoint(String host, boolean insecure, Path caFile) implements Serializable {

    public static RegistryEndpoint defaultFor(String host) {
        return new RegistryEndpoint(host, isLoopback(host), null);
    }

    public URI baseUri() {
        return URI.create((insecure ? "http://" : "https://") + apiHost() + "/v2/");
    }

    /** docker.io is a name; the API lives at registry-1.docker.io. */
    private String apiHost() {
        return host.equals("docker.io") ? "registry-1.docker.io" : host;
    }

    static boolean isLoopback(String host) {
        String name = host.replaceFirst(":[0-9]+$", "");
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }
}
