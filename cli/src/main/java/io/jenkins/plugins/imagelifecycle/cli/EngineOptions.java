package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.config.DockerConfigCredentials;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.registry.RegistryEndpoint;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of commands that talk to the Docker engine and to registries. */
final class EngineOptions {
    @Option(names = "--docker-host", paramLabel = "URL",
            description = "Docker engine (default: $DOCKER_HOST or unix:///var/run/docker.sock)")
    String dockerHost;

    @Option(names = "--docker-config", paramLabel = "DIR",
            description = "Directory of the config.json that holds registry credentials (default: $DOCKER_CONFIG or ~/.docker)")
    Path dockerConfig;

    String dockerHost() {
        return dockerHost != null ? dockerHost : System.getenv("DOCKER_HOST");
    }

    DockerConfigCredentials credentials() {
        return DockerConfigCredentials.load(dockerConfig);
    }

    RegistryClient registry() {
        return new RegistryClient(RegistryEndpoint::defaultFor, credentials());
    }
}
