package io.jenkins.plugins.imagelifecycle.plugin;

import io.jenkins.plugins.imagelifecycle.config.DockerConfigCredentials;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.SecretMasker;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What an agent needs to talk to its own Docker engine and to registries: the build's environment
 * (DOCKER_HOST, PATH and DOCKER_CONFIG are the node's), the lifecycle configuration, and the step's
 * registry credentials if it named any. Travels inside the agent callables.
 */
public final class AgentSetup implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> environment;
    private final LifecycleConfig config;
    private final RegistryCredentials stepCredentials;
    private final Map<String, RegistryCredentials> configured;
    private final List<String> secrets;

    /**
     * @param configured credentials of the configured registries, by host, resolved for the run on the controller
     * @param secrets    values to mask in the log besides the passwords (sensitive Packer variables)
     */
    public AgentSetup(Map<String, String> environment, LifecycleConfig config, RegistryCredentials stepCredentials,
                      Map<String, RegistryCredentials> configured, List<String> secrets) {
        this.environment = new TreeMap<>(environment);
        this.config = config;
        this.stepCredentials = stepCredentials;
        this.configured = new TreeMap<>(configured);
        List<String> all = new java.util.ArrayList<>(secrets);
        if (stepCredentials != null) {
            all.add(stepCredentials.password());
        }
        configured.values().forEach(c -> all.add(c.password()));
        this.secrets = List.copyOf(all);
    }

    public Map<String, String> environment() {
        return environment;
    }

    public DockerEngine docker() {
        return DockerEngine.connect(environment.get("DOCKER_HOST"));
    }

    /**
     * The step's credentials for every registry; without them, the credentials configured for the host, else
     * the node's docker config.
     */
    public Function<String, Optional<RegistryCredentials>> credentials() {
        String dockerConfig = environment.get("DOCKER_CONFIG");
        Function<String, Optional<RegistryCredentials>> node =
                config.credentials(environment, DockerConfigCredentials.load(dockerConfig == null ? null : Path.of(dockerConfig)));
        return host -> known(host).or(() -> node.apply(host));
    }

    /** The step's credentials for every registry, else those configured for the host. */
    private Optional<RegistryCredentials> known(String host) {
        return stepCredentials != null ? Optional.of(stepCredentials) : Optional.ofNullable(configured.get(host));
    }

    /** On the agent: the registries with {@link #credentials()}, the node's docker config included. */
    public RegistryClient registry() {
        return config.registryClient(credentials());
    }

    /**
     * On the controller: the step's or the configured credentials only, never the controller's own docker
     * config (that would let a Jenkinsfile act as the Jenkins service account); and only the configured
     * registries when any are configured (a Jenkinsfile must not make the controller contact any host).
     */
    public RegistryClient controllerRegistry() {
        return config.controllerRegistryClient(this::known);
    }

    /** The build log with the step's password and sensitive values masked, whatever a tool prints. */
    public PrintStream mask(PrintStream log) {
        return secrets.isEmpty() ? log : SecretMasker.wrap(log, secrets);
    }
}
