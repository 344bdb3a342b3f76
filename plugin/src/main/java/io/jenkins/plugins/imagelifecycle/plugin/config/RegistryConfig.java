package io.jenkins.plugins.imagelifecycle.plugin.config;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagelifecycle.config.RegistrySettings;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.registry.TokenRealms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** How to reach one registry: its credentials id, plain HTTP or a private CA, and where its token service may be. */
public class RegistryConfig extends AbstractDescribableImpl<RegistryConfig> {
    private final String host;
    private String credentialsId;
    private boolean insecure;
    private String caFile;
    private String tokenRealmHosts = "";
    private Integer maxConnections;

    @DataBoundConstructor
    public RegistryConfig(String host) {
        this.host = host;
    }

    public String getHost() {
        return host;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Username with password credentials used for this registry by every step and the trigger. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    public boolean isInsecure() {
        return insecure;
    }

    /** Plain HTTP (loopback registries are plain HTTP by default). */
    @DataBoundSetter
    public void setInsecure(boolean insecure) {
        this.insecure = insecure;
    }

    public String getCaFile() {
        return caFile;
    }

    /** PEM file of a private CA that signed the registry's certificate, on the controller and agents. */
    @DataBoundSetter
    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    public String getTokenRealmHosts() {
        return tokenRealmHosts;
    }

    /**
     * Hosts besides the registry's own (host for the default port, host:port for that port), one per line, where
     * its Bearer token realm may be; a realm anywhere else is refused and never contacted. Refused here, naming
     * the entry, when one is not a host.
     */
    @DataBoundSetter
    public void setTokenRealmHosts(String tokenRealmHosts) {
        List<String> entries = lines(tokenRealmHosts);
        entries.forEach(entry -> TokenRealms.checkEntry(host, entry));
        this.tokenRealmHosts = String.join("\n", entries);
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    /** The most requests the controller sends this registry at once (1 to 256; empty: 32). */
    @DataBoundSetter
    public void setMaxConnections(Integer maxConnections) {
        io.jenkins.plugins.imagelifecycle.registry.RegistryTraffic.checkLimit(host, maxConnections);
        this.maxConnections = maxConnections;
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    public RegistrySettings toSettings() {
        return new RegistrySettings(host, insecure ? Boolean.TRUE : null, caFile == null || caFile.isBlank() ? null : caFile,
                null, null, lines(tokenRealmHosts), maxConnections);
    }

    @Extension
    @Symbol("registry")
    public static class DescriptorImpl extends Descriptor<RegistryConfig> {
        @Override
        public String getDisplayName() {
            return "Registry";
        }

        @POST
        public FormValidation doCheckHost(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (value == null || value.isBlank()) {
                return FormValidation.error("Registry host is empty; expected host[:port], e.g. registry.example.com");
            }
            try {
                ImageRef ref = ImageRef.parse(value + "/probe:1");
                if (!ref.registry().equals(value)) {
                    return FormValidation.error("'" + value + "' is not a registry host; expected host[:port], e.g. registry.example.com:5000");
                }
                return FormValidation.ok();
            } catch (LifecycleException e) {
                return FormValidation.error("'" + value + "' is not a registry host; expected host[:port]: " + e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckTokenRealmHosts(@QueryParameter String host, @QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                lines(value).forEach(entry -> TokenRealms.checkEntry(host == null || host.isBlank() ? "(no host yet)" : host, entry));
                return FormValidation.ok();
            } catch (LifecycleException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckCaFile(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            Path file = Path.of(value);
            if (!file.isAbsolute()) {
                return FormValidation.error("CA file '" + value + "' is not an absolute path");
            }
            return Files.isReadable(file) ? FormValidation.ok()
                    : FormValidation.warning("CA file '" + value + "' is not readable on the controller; agents need it too");
        }
    }
}
