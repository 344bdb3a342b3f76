package io.jenkins.plugins.imagelifecycle.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Registry credentials as {@code docker login} stores them: the {@code auths} section of
 * {@code $DOCKER_CONFIG/config.json} (default {@code ~/.docker/config.json}). Credential helpers are
 * not consulted.
 */
public final class DockerConfigCredentials implements Function<String, Optional<RegistryCredentials>> {
    private final JsonNode auths;
    private final Path file;

    private DockerConfigCredentials(Path file, JsonNode auths) {
        this.file = file;
        this.auths = auths;
    }

    /** Reads the file of {@code dockerConfigDir}, or of DOCKER_CONFIG / ~/.docker when it is null. */
    public static DockerConfigCredentials load(Path dockerConfigDir) {
        Path dir = dockerConfigDir;
        if (dir == null) {
            String env = System.getenv("DOCKER_CONFIG");
            dir = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".docker");
        }
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return new DockerConfigCredentials(file, Json.object());
        }
        try {
            JsonNode root = Json.read(Files.readString(file, StandardCharsets.UTF_8));
            return new DockerConfigCredentials(file, root.path("auths"));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("Docker config '" + file + "' cannot be read as JSON; expected the file docker login writes");
        }
    }

    @Override
    public Optional<RegistryCredentials> apply(String host) {
        for (String key : new String[] {host, "https://" + host, "http://" + host, "https://" + host + "/v1/"}) {
            JsonNode entry = auths.get(key);
            if (entry != null) {
                return Optional.of(decode(host, entry));
            }
        }
        if (host.equals("docker.io")) {
            JsonNode hub = auths.get("https://index.docker.io/v1/");
            if (hub != null) {
                return Optional.of(decode(host, hub));
            }
        }
        return Optional.empty();
    }

    private RegistryCredentials decode(String host, JsonNode entry) {
        if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
            return new RegistryCredentials(entry.get("username").asText(), entry.get("password").asText());
        }
        String auth = entry.path("auth").asText("");
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new BadInputException("Docker config '" + file + "' has an entry for " + host
                    + " whose auth is not base64 of user:password");
        }
        return new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
