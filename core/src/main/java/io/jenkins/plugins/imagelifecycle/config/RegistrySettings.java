package io.jenkins.plugins.imagelifecycle.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.imagelifecycle.registry.TokenRealms;
import java.io.Serializable;
import java.util.List;

/**
 * How to reach one registry, the names of the environment variables that hold its credentials (never the
 * credentials themselves), and the hosts besides its own where its Bearer token realm may be.
 */
public record RegistrySettings(@JsonProperty("host") String host, @JsonProperty("insecure") Boolean insecure,
                               @JsonProperty("caFile") String caFile,
                               @JsonProperty("usernameEnv") String usernameEnv,
                               @JsonProperty("passwordEnv") String passwordEnv,
                               @JsonProperty("tokenRealmHosts") List<String> tokenRealmHosts,
                               @JsonProperty("maxConnections") Integer maxConnections) implements Serializable {

    public RegistrySettings {
        tokenRealmHosts = tokenRealmHosts == null ? List.of()
                : tokenRealmHosts.stream().map(entry -> TokenRealms.checkEntry(host, entry)).toList();
        io.jenkins.plugins.imagelifecycle.registry.RegistryTraffic.checkLimit(host, maxConnections);
    }

    public RegistrySettings(String host, Boolean insecure, String caFile, String usernameEnv, String passwordEnv) {
        this(host, insecure, caFile, usernameEnv, passwordEnv, List.of());
    }

    public RegistrySettings(String host, Boolean insecure, String caFile, String usernameEnv, String passwordEnv,
                            List<String> tokenRealmHosts) {
        this(host, insecure, caFile, usernameEnv, passwordEnv, tokenRealmHosts, null);
    }
}
