package io.jenkins.plugins.imagelifecycle.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a registry's {@code WWW-Authenticate} challenge: Basic with the host's credentials, or the
 * Bearer token flow (ask the realm for a token for the service and scope). Answers are cached per host
 * (Basic) or host and scope (Bearer) so that later requests go through at once.
 */
final class RegistryAuthenticator {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    RegistryAuthenticator(HttpClient http) {
        this.http = http;
    }

    Optional<String> cachedAuthorization(String host, String scope) {
        String basic = cache.get(host);
        return basic != null ? Optional.of(basic) : Optional.ofNullable(cache.get(host + " " + scope));
    }

    String answer(RegistryEndpoint registry, String scope, String challenge, Optional<RegistryCredentials> credentials)
            throws IOException, InterruptedException {
        String host = registry.host();
        String scheme = challenge.trim().split("\\s+", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            RegistryCredentials creds = credentials.orElseThrow(() -> new OperationFailedException(
                    "Registry " + host + " requires credentials (Basic authentication) and none are configured for it"));
            String value = "Basic " + basic(creds);
            cache.put(host, value);
            return value;
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            String value = "Bearer " + fetchToken(registry, scope, parameters(challenge), credentials);
            cache.put(host + " " + scope, value);
            return value;
        }
        throw new OperationFailedException("Registry " + host + " asks for authentication scheme '" + scheme
                + "'; expected Basic or Bearer");
    }

    private String fetchToken(RegistryEndpoint registry, String scope, Map<String, String> params,
                              Optional<RegistryCredentials> credentials) throws IOException, InterruptedException {
        String host = registry.host();
        String realm = params.get("realm");
        if (realm == null) {
            throw new OperationFailedException("Registry " + host + " sent a Bearer challenge without a realm");
        }
        URI allowed = TokenRealms.allowed(registry, realm);
        StringBuilder query = new StringBuilder();
        if (params.containsKey("service")) {
            query.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        String wanted = params.getOrDefault("scope", scope);
        for (String part : (wanted + " " + scope).split(" ")) {
            if (!part.isBlank() && query.indexOf(URLEncoder.encode(part, StandardCharsets.UTF_8)) < 0) {
                query.append(query.length() == 0 ? "" : "&").append("scope=")
                        .append(URLEncoder.encode(part, StandardCharsets.UTF_8));
            }
        }
        var request = HttpRequest.newBuilder(URI.create(allowed + (allowed.getRawQuery() != null ? "&" : "?") + query))
                .timeout(Duration.ofSeconds(30)).GET();
        credentials.ifPresent(c -> request.header("Authorization", "Basic " + basic(c)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new OperationFailedException("Token service of registry " + host + " refused a token (HTTP "
                    + response.statusCode() + "): check the credentials for " + host);
        }
        JsonNode body;
        try {
            body = Json.read(response.body());
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException("Token service of registry " + host + " answered with a body that is not JSON");
        }
        String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText(null);
        if (token == null || token.isEmpty()) {
            throw new OperationFailedException("Token service of registry " + host + " answered without a token");
        }
        return token;
    }

    static Map<String, String> parameters(String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        return params;
    }

    private static String basic(RegistryCredentials creds) {
        return Base64.getEncoder().encodeToString((creds.username() + ":" + creds.password()).getBytes(StandardCharsets.UTF_8));
    }
}
