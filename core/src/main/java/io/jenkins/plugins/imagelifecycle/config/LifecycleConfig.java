package io.jenkins.plugins.imagelifecycle.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.registry.ListedRegistries;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.registry.RegistryEndpoint;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one configuration file: registries (how to reach them, where their credentials come from) and
 * the ordered environments. Without a file: environments dev, qa, prod in the source registry.
 */
public record LifecycleConfig(@JsonProperty("registries") List<RegistrySettings> registries,
                              @JsonProperty("environments") List<Environment> environments,
                              @JsonProperty("signing") SigningSettings signing) implements Serializable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public LifecycleConfig {
        registries = registries == null ? List.of() : List.copyOf(registries);
        environments = environments == null || environments.isEmpty() ? defaults() : List.copyOf(environments);
        signing = signing == null ? SigningSettings.none() : signing;
        var seen = new HashSet<String>();
        for (Environment e : environments) {
            if (!seen.add(e.name())) {
                throw new BadInputException("Environment '" + e.name() + "' is configured twice");
            }
        }
    }

    public LifecycleConfig(List<RegistrySettings> registries, List<Environment> environments) {
        this(registries, environments, null);
    }

    public static List<Environment> defaults() {
        return List.of(new Environment("dev", null, false, false), new Environment("qa", null, false, false),
                new Environment("prod", null, true, false));
    }

    public static LifecycleConfig empty() {
        return new LifecycleConfig(List.of(), List.of());
    }

    /** Reads {@code file}; a missing default file means the defaults, a missing given file is an error. */
    public static LifecycleConfig load(Path file, boolean mustExist) {
        if (file == null || !Files.exists(file)) {
            if (mustExist) {
                throw new BadInputException("Configuration file '" + file + "' does not exist");
            }
            return empty();
        }
        try {
            LifecycleConfig config = YAML.readValue(file.toFile(), LifecycleConfig.class);
            return config == null ? empty() : config;
        } catch (UnrecognizedPropertyException e) {
            String key = e.getPropertyName();
            String why = key.toLowerCase(java.util.Locale.ROOT).contains("password") || key.equalsIgnoreCase("token")
                    ? "credentials never go in this file in clear text; name environment variables with usernameEnv "
                    + "and passwordEnv, or use docker login (config.json)"
                    : "expected one of " + e.getKnownPropertyIds();
            throw new BadInputException("Configuration file " + file + " line " + e.getLocation().getLineNr()
                    + ": unknown key '" + key + "'; " + why);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            // a setting refused by its own record (a bad tokenRealmHosts entry): its one line, which names the value and
            // its registry (Jackson's location is the end of the entry, not the bad line, so it is left out)
            if (e.getCause() instanceof BadInputException bad) {
                throw new BadInputException("Configuration file " + file + ": " + bad.getMessage());
            }
            throw new BadInputException("Configuration file " + file + " cannot be read: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new BadInputException("Configuration file " + file + " line " + e.getLocation().getLineNr() + ": "
                    + io.jenkins.plugins.imagelifecycle.support.YamlMessages.wrongType(e));
        } catch (IOException e) {
            throw new BadInputException("Configuration file " + file + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The environment named {@code name}, or a NotFound listing the ones configured. */
    public Environment environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("Environment '" + name + "' is not configured; expected one of "
                        + environments.stream().map(Environment::name).collect(Collectors.joining(", "))));
    }

    /** The environment before {@code env} in the order, if any. */
    public Optional<Environment> previous(Environment env) {
        int i = environments.indexOf(env);
        return i <= 0 ? Optional.empty() : Optional.of(environments.get(i - 1));
    }

    public RegistryEndpoint endpoint(String host) {
        return registries.stream().filter(r -> r.host().equals(host)).findFirst()
                .map(r -> new RegistryEndpoint(host, r.insecure() != null ? r.insecure() : RegistryEndpoint.defaultFor(host).insecure(),
                        r.caFile() == null ? null : Path.of(r.caFile()), tokenRealmHosts(r)))
                .orElse(RegistryEndpoint.defaultFor(host));
    }

    /** Credentials of a host: from the environment variables the config names, else from docker's config.json. */
    public Function<String, Optional<RegistryCredentials>> credentials(Map<String, String> env,
                                                                       Function<String, Optional<RegistryCredentials>> docker) {
        return host -> {
            for (RegistrySettings r : registries) {
                if (r.host().equals(host) && r.usernameEnv() != null && r.passwordEnv() != null) {
                    String user = env.get(r.usernameEnv());
                    String password = env.get(r.passwordEnv());
                    if (user == null || password == null) {
                        throw new BadInputException("Registry " + host + " takes its credentials from environment variables "
                                + r.usernameEnv() + " and " + r.passwordEnv() + ", which are not both set");
                    }
                    return Optional.of(new RegistryCredentials(user, password));
                }
            }
            return docker.apply(host);
        };
    }

    /** The configured token realm hosts of a registry, besides those its host allows by default (Docker Hub's). */
    private static List<String> tokenRealmHosts(RegistrySettings registry) {
        var hosts = new java.util.ArrayList<>(RegistryEndpoint.defaultTokenRealmHosts(registry.host()));
        hosts.addAll(registry.tokenRealmHosts());
        return hosts;
    }

    /** A client that reaches any registry: the command line's, and an agent's. */
    public RegistryClient registryClient(Function<String, Optional<RegistryCredentials>> credentials) {
        return new RegistryClient(this::endpoint, credentials).withTraffic(traffic());
    }

    /** At most each registry's {@code maxConnections} requests in flight (32 unless configured), and its 429s obeyed. */
    public io.jenkins.plugins.imagelifecycle.registry.RegistryTraffic traffic() {
        return new io.jenkins.plugins.imagelifecycle.registry.RegistryTraffic(host -> registries.stream()
                .filter(r -> r.host().equals(host)).map(RegistrySettings::maxConnections).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null));
    }

    /**
     * A Jenkins controller's client: it reaches only the configured registries when any are configured
     * ({@link ListedRegistries}).
     */
    public RegistryClient controllerRegistryClient(Function<String, Optional<RegistryCredentials>> credentials) {
        return new RegistryClient(this::endpoint, credentials,
                ListedRegistries.of(registries.stream().map(RegistrySettings::host).toList())).withTraffic(traffic());
    }
}
