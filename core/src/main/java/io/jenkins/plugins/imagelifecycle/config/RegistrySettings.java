package io.jenkins.plugins.imagelifecycle.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * How to reach one registry, and the names of the environment variables that hold its credentials
 * (never the credentials themselves).
 */
public record RegistrySettings(@JsonProperty("host") String host, @JsonProperty("insecure") Boolean insecure,
                               @JsonProperty("caFile") String caFile,
                               @JsonProperty("usernameEnv") String usernameEnv,
                               @JsonProperty("passwordEnv") String passwordEnv) implements Serializable {
}
