package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.net.URI;
import java.util.Locale;

/**
 * Where a registry's Bearer token realm may be. A registry's 401 names the URL its client must ask for a
 * token, with the credentials of that registry: followed blindly, it makes whoever runs the client GET any
 * URL (a cloud metadata address, a service on the controller's loopback) and hand it the registry's
 * password. So a realm must be on the registry's own host and port, or on a host the configuration names
 * for that registry ({@code tokenRealmHosts}: {@code host} for the scheme's default port, {@code host:port}
 * for that port only). Another port of the same host is another service, so it is refused too. A realm
 * over plain HTTP is allowed only for a registry itself reached over plain HTTP.
 */
public final class TokenRealms {
    private TokenRealms() {
    }

    /**
     * The realm as a URI to ask, when allowed.
     *
     * @throws OperationFailedException naming the realm's host and what is allowed; nothing was contacted
     */
    public static URI allowed(RegistryEndpoint registry, String realm) {
        URI uri;
        try {
            uri = URI.create(realm.strip());
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException("Registry " + registry.host() + " sent a Bearer realm that is not a URL; not contacted");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new OperationFailedException("Registry " + registry.host() + " sent a Bearer realm that is not an http(s) URL "
                    + "with a host; not contacted");
        }
        String realmHost = authority(uri.getHost(), effectivePort(uri));
        if (scheme.equals("http") && !registry.insecure()) {
            throw new OperationFailedException("Registry " + registry.host() + " names token realm host " + realmHost
                    + " over plain HTTP while the registry is reached over HTTPS; not contacted (the registry's credentials "
                    + "would travel in clear)");
        }
        URI base = registry.baseUri();
        String own = authority(base.getHost(), effectivePort(base));
        if (realmHost.equals(own) || registry.tokenRealmHosts().stream().anyMatch(entry -> matches(entry, uri))) {
            return uri;
        }
        throw new OperationFailedException("Registry " + registry.host() + " names token realm host " + realmHost
                + ", which is not allowed: expected the registry's own host " + own + " or one of its tokenRealmHosts ("
                + (registry.tokenRealmHosts().isEmpty() ? "none configured" : String.join(", ", registry.tokenRealmHosts()))
                + "); not contacted");
    }

    /**
     * Checks one {@code tokenRealmHosts} entry of registry {@code registry}.
     *
     * @throws BadInputException naming the entry and what was expected
     */
    public static String checkEntry(String registry, String entry) {
        String value = entry == null ? "" : entry.strip();
        URI uri = null;
        try {
            uri = value.isEmpty() || value.contains("/") || value.contains("@") ? null : URI.create("//" + value);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (uri == null || uri.getHost() == null || uri.getRawPath().length() > 0 || uri.getQuery() != null) {
            throw new BadInputException("Token realm host '" + value + "' of registry " + registry
                    + " is not a host; expected host or host:port, e.g. auth.example.com");
        }
        return value;
    }

    private static boolean matches(String entry, URI realm) {
        URI allowed = URI.create("//" + entry.strip());
        int port = allowed.getPort() >= 0 ? allowed.getPort() : defaultPort(realm.getScheme());
        return allowed.getHost() != null && authority(allowed.getHost(), port).equals(authority(realm.getHost(), effectivePort(realm)));
    }

    private static int effectivePort(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
    }

    private static int defaultPort(String scheme) {
        return "http".equalsIgnoreCase(scheme) ? 80 : 443;
    }

    private static String authority(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
