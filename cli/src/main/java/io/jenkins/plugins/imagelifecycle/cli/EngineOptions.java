package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.config.DockerConfigCredentials;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.KeySources;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of commands that talk to the Docker engine and to registries. */
final class EngineOptions {
    @Option(names = "--docker-host", paramLabel = "URL",
            description = "Docker engine (default: $DOCKER_HOST or unix:///var/run/docker.sock)")
    String dockerHost;

    @Option(names = "--docker-config", paramLabel = "DIR",
            description = "Directory of the config.json that holds registry credentials (default: $DOCKER_CONFIG or ~/.docker)")
    Path dockerConfig;

    @Mixin
    ConfigOption configuration;

    LifecycleConfig config() {
        return configuration.config();
    }

    String dockerHost() {
        return dockerHost(dockerHost);
    }

    /** The engine given with --docker-host (refused unless it is an engine address), else $DOCKER_HOST. */
    static String dockerHost(String option) {
        if (option != null) {
            if (!option.matches("(unix|tcp|npipe)://\\S+")) {
                throw new BadInputException("--docker-host '" + option
                        + "' is not a Docker engine address; expected unix:///path/docker.sock or tcp://host:port");
            }
            return option;
        }
        return System.getenv("DOCKER_HOST");
    }

    /** Verifies placements here: spec paths and the command relative to the working folder, as key paths are. */
    io.jenkins.plugins.imagelifecycle.lifecycle.PlacementVerifier placementVerifier() {
        return new io.jenkins.plugins.imagelifecycle.lifecycle.LocalPlacementVerifier(Path.of("").toAbsolutePath(),
                () -> io.jenkins.plugins.imagelifecycle.docker.DockerEngine.connect(dockerHost()), credentials());
    }

    /** Promotion as every command that promotes runs it: signed with the configured keys, and each placement verified. */
    io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation promotion(io.jenkins.plugins.imagelifecycle.catalog.Catalog catalog) {
        return new io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation(catalog, config(), registry(), java.time.Clock.systemUTC(),
                signingKey(), env -> env.countersign() == null ? Optional.empty()
                        : io.jenkins.plugins.imagelifecycle.signing.KeySources.signingKey(env.countersign(), System.getenv()))
                .verifyingWith(placementVerifier());
    }

    /** Credentials per registry host: environment variables named in the config, else docker's config.json. */
    Function<String, Optional<RegistryCredentials>> credentials() {
        return config().credentials(System.getenv(), DockerConfigCredentials.load(dockerConfig));
    }

    RegistryClient registry() {
        return config().registryClient(credentials());
    }

    /** The configuration's signing key, its passphrase read from the variable or file it names. */
    Optional<SigningKey> signingKey() {
        return KeySources.signingKey(config().signing(), System.getenv());
    }
}
