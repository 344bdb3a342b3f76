package io.jenkins.plugins.imagelifecycle.registry;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How to reach one registry host: over HTTPS (optionally trusting a given CA file) or, only when the
 * user marks it insecure, over plain HTTP. Loopback hosts are insecure by default, as Docker treats
 * {@code 127.0.0.0/8}. {@code tokenRealmHosts} are the hosts besides the registry's own where its
 * Bearer token realm may be ({@link TokenRealms}).
 */
public record RegistryEndpoint(String host, boolean insecure, Path caFile, List<String> tokenRealmHosts) implements Serializable {

    /** Docker Hub's registry API is at registry-1.docker.io, its token service at auth.docker.io. */
    private static final List<String> DOCKER_HUB_TOKEN_REALMS = List.of("auth.docker.io");

    public RegistryEndpoint {
        tokenRealmHosts = tokenRealmHosts == null ? List.of() : List.copyOf(tokenRealmHosts);
    }

    /** An endpoint whose token realm may be on the registry's own host only (Docker Hub: also auth.docker.io). */
    public RegistryEndpoint(String host, boolean insecure, Path caFile) {
        this(host, insecure, caFile, defaultTokenRealmHosts(host));
    }

    public static RegistryEndpoint defaultFor(String host) {
        return new RegistryEndpoint(host, isLoopback(host), null);
    }

    /** The token realms a registry's host allows without configuration: Docker Hub's own token service. */
    public static List<String> defaultTokenRealmHosts(String host) {
        return "docker.io".equals(host) ? DOCKER_HUB_TOKEN_REALMS : List.of();
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
