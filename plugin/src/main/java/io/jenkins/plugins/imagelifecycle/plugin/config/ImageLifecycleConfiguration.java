package io.jenkins.plugins.imagelifecycle.plugin.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.scheduler.CronTabList;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.imagelifecycle.config.Durations;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.config.RegistrySettings;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetirePolicy;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.watch.NotificationReplayGuard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » System » Image Lifecycle, and {@code unclassified: imageLifecycle:} in JCasC: where the
 * catalog is, the environments in promotion order, the registries, Packer, the webhook's secrets and window, and the staged
 * retirement policy with its schedule.
 */
@Extension
@Symbol("imageLifecycle")
public class ImageLifecycleConfiguration extends GlobalConfiguration {
    /** Where a policy from this configuration comes from, in messages and in the events' details. */
    public static final String RETIREMENT_POLICY_SOURCE = "Image Lifecycle configuration: retirementPolicy";

    private String catalogUrl;
    private String catalogCredentialsId;
    private List<EnvironmentConfig> environments = new ArrayList<>();
    private List<RegistryConfig> registries = new ArrayList<>();
    private String packerPath;
    private Secret webhookSecret;
    private Secret webhookSignatureSecret;
    private String webhookEventWindow;
    private String signingKeyCredentialsId;
    private String signingPassphraseCredentialsId;
    private String retirementPolicy;
    private String retirementSchedule;
    private boolean systemBuildsMayPromoteAndRetire;

    public ImageLifecycleConfiguration() {
        load();
    }

    public static ImageLifecycleConfiguration get() {
        return ExtensionList.lookupSingleton(ImageLifecycleConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "Image Lifecycle";
    }

    public String getCatalogUrl() {
        return catalogUrl;
    }

    /** Blank: the embedded catalog under JENKINS_HOME; else a JDBC URL (PostgreSQL) shared with other controllers and the CLI. */
    @DataBoundSetter
    public void setCatalogUrl(String catalogUrl) {
        // here, not only in the form's check: configure() and JCasC set it without asking the form
        CatalogUrls.check(catalogUrl);
        this.catalogUrl = blankToNull(catalogUrl);
        save();
    }

    public String getCatalogCredentialsId() {
        return catalogCredentialsId;
    }

    /** Username with password credentials of the JDBC catalog. */
    @DataBoundSetter
    public void setCatalogCredentialsId(String catalogCredentialsId) {
        this.catalogCredentialsId = blankToNull(catalogCredentialsId);
        save();
    }

    public List<EnvironmentConfig> getEnvironments() {
        return environments;
    }

    /** In promotion order; none: dev, qa, prod (prod protected). */
    @DataBoundSetter
    public void setEnvironments(List<EnvironmentConfig> environments) {
        List<EnvironmentConfig> given = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
        toLifecycleConfig(given, registries); // refuses duplicates and bad names with the core's message, before anything changes
        this.environments = given;
        save();
    }

    public List<RegistryConfig> getRegistries() {
        return registries;
    }

    @DataBoundSetter
    public void setRegistries(List<RegistryConfig> registries) {
        this.registries = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
        save();
    }

    public String getPackerPath() {
        return packerPath;
    }

    /** Packer on the agents; blank: packer on each node's PATH. A step's own packer parameter wins. */
    @DataBoundSetter
    public void setPackerPath(String packerPath) {
        this.packerPath = blankToNull(packerPath);
        save();
    }

    public Secret getWebhookSecret() {
        return webhookSecret;
    }

    /** Shared secret registries send in the X-Image-Lifecycle-Secret header; none: the webhook refuses everything. */
    @DataBoundSetter
    public void setWebhookSecret(Secret webhookSecret) {
        this.webhookSecret = webhookSecret;
        save();
    }

    public Secret getWebhookSignatureSecret() {
        return webhookSignatureSecret;
    }

    /**
     * Optional: a key the sender signs each body with (HMAC-SHA256 in the X-Image-Lifecycle-Signature header,
     * {@code sha256=<hex>}); set, an unsigned or wrongly signed notification is refused.
     */
    @DataBoundSetter
    public void setWebhookSignatureSecret(Secret webhookSignatureSecret) {
        this.webhookSignatureSecret = webhookSignatureSecret;
        save();
    }

    public String getWebhookEventWindow() {
        return webhookEventWindow;
    }

    /** How far a notification event's timestamp may be from now (e.g. 10m); blank: 10 minutes. Refused here when not a duration. */
    @DataBoundSetter
    public void setWebhookEventWindow(String webhookEventWindow) {
        eventWindow(webhookEventWindow);
        this.webhookEventWindow = blankToNull(webhookEventWindow);
        save();
    }

    /** The webhook's window for event timestamps. */
    public Duration webhookEventWindow() {
        return eventWindow(webhookEventWindow);
    }

    private static Duration eventWindow(String text) {
        Duration window = Durations.parse(text, "Webhook event window");
        if (window == null) {
            return NotificationReplayGuard.DEFAULT_WINDOW;
        }
        if (window.isZero()) {
            throw new BadInputException("Webhook event window '" + text + "' is zero; expected a duration such as 10m");
        }
        return window;
    }

    public String getSigningKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    /** A Secret file credential holding the factory's private key (PKCS#8 PEM or cosign's key file); blank: nothing is signed. */
    @DataBoundSetter
    public void setSigningKeyCredentialsId(String signingKeyCredentialsId) {
        this.signingKeyCredentialsId = blankToNull(signingKeyCredentialsId);
        save();
    }

    public String getSigningPassphraseCredentialsId() {
        return signingPassphraseCredentialsId;
    }

    /** A Secret text credential holding the private key's passphrase; blank: the key is not encrypted. */
    @DataBoundSetter
    public void setSigningPassphraseCredentialsId(String signingPassphraseCredentialsId) {
        this.signingPassphraseCredentialsId = blankToNull(signingPassphraseCredentialsId);
        save();
    }

    public boolean isSystemBuildsMayPromoteAndRetire() {
        return systemBuildsMayPromoteAndRetire;
    }

    /**
     * Off by default: a build without its own authentication (no Authorize Project) runs as SYSTEM and would pass
     * every permission check, so anyone who can change a Jenkinsfile could promote into protected environments and
     * retire any image. An administrator who accepts that turns this on.
     */
    @DataBoundSetter
    public void setSystemBuildsMayPromoteAndRetire(boolean systemBuildsMayPromoteAndRetire) {
        this.systemBuildsMayPromoteAndRetire = systemBuildsMayPromoteAndRetire;
        save();
    }

    public String getRetirementPolicy() {
        return retirementPolicy;
    }

    /** A staged retirement policy (the YAML of {@code retire --policy}); blank: none. Refused with the core's message when bad. */
    @DataBoundSetter
    public void setRetirementPolicy(String retirementPolicy) {
        // kept as written, not trimmed: YAML's indentation is its structure
        String given = retirementPolicy == null || retirementPolicy.isBlank() ? null : retirementPolicy;
        if (given != null) {
            RetirePolicy.parse(given, RETIREMENT_POLICY_SOURCE);
        }
        this.retirementPolicy = given;
        save();
    }

    /** The policy as the core reads it; empty when none is configured. */
    public java.util.Optional<RetirePolicy> retirementPolicy() {
        return java.util.Optional.ofNullable(retirementPolicy).map(p -> RetirePolicy.parse(p, RETIREMENT_POLICY_SOURCE));
    }

    public String getRetirementSchedule() {
        return retirementSchedule;
    }

    /** When the policy runs: a Jenkins cron spec (e.g. {@code H 3 * * *}); blank: never on its own. */
    @DataBoundSetter
    public void setRetirementSchedule(String retirementSchedule) {
        String given = blankToNull(retirementSchedule);
        if (given != null) {
            retirementScheduleTabs(given);
        }
        this.retirementSchedule = given;
        save();
    }

    /** The schedule as Jenkins reads cron specs; empty when none is configured. */
    public java.util.Optional<CronTabList> retirementScheduleTabs() {
        return java.util.Optional.ofNullable(retirementSchedule).map(ImageLifecycleConfiguration::retirementScheduleTabs);
    }

    private static CronTabList retirementScheduleTabs(String spec) {
        try {
            return CronTabList.create(spec);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("Retirement schedule '" + spec + "' is not a cron spec: " + e.getMessage()
                    + "; expected e.g. H 3 * * * (daily, in the night)");
        }
    }

    /** The factory's signing key, read from its credentials now; empty when none is configured. */
    public java.util.Optional<io.jenkins.plugins.imagelifecycle.signing.SigningKey> signingKey() {
        return ControllerSigningKey.load(signingKeyCredentialsId, signingPassphraseCredentialsId);
    }

    /**
     * The form: lists are cleared first, because a repeatable list left empty is absent from the submitted
     * JSON and binding alone would keep the last entry; a value the core refuses becomes a form error.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<EnvironmentConfig> previousEnvironments = environments;
        List<RegistryConfig> previousRegistries = registries;
        String previousPolicy = retirementPolicy;
        String previousSchedule = retirementSchedule;
        String previousCatalogUrl = catalogUrl;
        environments = new ArrayList<>();
        registries = new ArrayList<>();
        try {
            req.bindJSON(this, json);
        } catch (LifecycleException e) {
            environments = previousEnvironments;
            registries = previousRegistries;
            retirementPolicy = previousPolicy;
            retirementSchedule = previousSchedule;
            catalogUrl = previousCatalogUrl;
            save();
            throw new FormException(e.getMessage(), fieldAtFault(e));
        }
        save();
        return true;
    }

    /** The core's configuration: environments and registry endpoints (credentials are resolved per run). */
    public LifecycleConfig toLifecycleConfig() {
        return toLifecycleConfig(environments, registries);
    }

    private static LifecycleConfig toLifecycleConfig(List<EnvironmentConfig> environments, List<RegistryConfig> registries) {
        List<Environment> envs = environments.stream().map(EnvironmentConfig::toEnvironment).toList();
        List<RegistrySettings> regs = registries.stream().map(RegistryConfig::toSettings).toList();
        return new LifecycleConfig(regs, envs);
    }

    /** The form field a refused value came from, for the form's error. */
    private static String fieldAtFault(LifecycleException e) {
        String message = e.getMessage();
        if (message.startsWith("Retirement schedule")) {
            return "retirementSchedule";
        }
        if (message.startsWith("Webhook event window")) {
            return "webhookEventWindow";
        }
        if (message.startsWith("Token realm host")) {
            return "registries";
        }
        return message.contains("'" + RETIREMENT_POLICY_SOURCE + "'") ? "retirementPolicy" : "environments";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @POST
    public FormValidation doCheckWebhookEventWindow(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return FormValidation.ok("Events stamped more than " + Durations.format(eventWindow(value)) + " from now are refused");
        } catch (LifecycleException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckCatalogUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok("Embedded catalog in " + Path.of(Jenkins.get().getRootDir().getPath(), "image-lifecycle", "catalog"));
        }
        try {
            CatalogUrls.check(value);
            return FormValidation.ok();
        } catch (LifecycleException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckRetirementPolicy(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checked(value, "No retirement policy: images are deprecated and retired by hand only", given ->
                RetirePolicy.parse(given, RETIREMENT_POLICY_SOURCE).rules().size()
                        + " rule(s); image-lifecycle retire --policy FILE --dry-run shows what they would do");
    }

    @POST
    public FormValidation doCheckRetirementSchedule(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checked(value, "Never on its own", given -> {
            retirementScheduleTabs(given);
            return null;
        });
    }

    /** Blank is fine; else the core's (or cron's) refusal is the form's error, and {@code check}'s text its note. */
    private static FormValidation checked(String value, String whenBlank, java.util.function.Function<String, String> check) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok(whenBlank);
        }
        try {
            String message = check.apply(value);
            return message == null ? FormValidation.ok() : FormValidation.ok(message);
        } catch (LifecycleException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckPackerPath(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (value == null || value.isBlank()) {
            return FormValidation.ok("packer on each agent's PATH");
        }
        return Path.of(value).isAbsolute() ? FormValidation.ok()
                : FormValidation.error("Packer path '" + value + "' is not absolute; expected e.g. /usr/bin/packer, or blank for the PATH");
    }
}
