package io.jenkins.plugins.imagelifecycle.plugin.config;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One environment of the promotion order, as configured in Manage Jenkins or JCasC. */
public class EnvironmentConfig extends AbstractDescribableImpl<EnvironmentConfig> {
    private final String name;
    private String target;
    private boolean protectedEnvironment;
    private boolean allowSkip;
    private String blockSeverity;
    private String trustedKeys;
    private String countersignKeyCredentialsId;
    private String countersignPassphraseCredentialsId;
    private String soak;
    private String verifyTests;
    private String verifyCommand;
    private String verifyTimeout;
    private String trustedTesters;
    private String approvers;

    @DataBoundConstructor
    public EnvironmentConfig(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getTarget() {
        return target;
    }

    /** Naming rule of the copy, e.g. {@code {registry}/{env}/{repository}:{tag}} (the default). */
    @DataBoundSetter
    public void setTarget(String target) {
        this.target = target;
    }

    public boolean isProtectedEnvironment() {
        return protectedEnvironment;
    }

    /** Promotion waits for a signed-in approver on the build's page and needs the Image Lifecycle/Promote permission. */
    @DataBoundSetter
    public void setProtectedEnvironment(boolean protectedEnvironment) {
        this.protectedEnvironment = protectedEnvironment;
    }

    public boolean isAllowSkip() {
        return allowSkip;
    }

    @DataBoundSetter
    public void setAllowSkip(boolean allowSkip) {
        this.allowSkip = allowSkip;
    }

    public String getBlockSeverity() {
        return blockSeverity;
    }

    /** low, medium, high or critical: no image with an open finding at or above it enters unless waived; empty: no gate. */
    @DataBoundSetter
    public void setBlockSeverity(String blockSeverity) {
        this.blockSeverity = blockSeverity == null || blockSeverity.isBlank() ? null : blockSeverity.strip();
    }

    public String getTrustedKeys() {
        return trustedKeys;
    }

    /** PEM public keys, one after the other: no image enters without a valid signature by one of them; empty: no signature gate. */
    @DataBoundSetter
    public void setTrustedKeys(String trustedKeys) {
        this.trustedKeys = trustedKeys == null || trustedKeys.isBlank() ? null : trustedKeys.strip();
    }

    public String getCountersignKeyCredentialsId() {
        return countersignKeyCredentialsId;
    }

    /** A Secret file credential (system store) with this environment's own key: it also signs every copy promoted here. */
    @DataBoundSetter
    public void setCountersignKeyCredentialsId(String countersignKeyCredentialsId) {
        this.countersignKeyCredentialsId = countersignKeyCredentialsId == null || countersignKeyCredentialsId.isBlank() ? null
                : countersignKeyCredentialsId.strip();
    }

    public String getCountersignPassphraseCredentialsId() {
        return countersignPassphraseCredentialsId;
    }

    @DataBoundSetter
    public void setCountersignPassphraseCredentialsId(String countersignPassphraseCredentialsId) {
        this.countersignPassphraseCredentialsId = countersignPassphraseCredentialsId == null || countersignPassphraseCredentialsId.isBlank()
                ? null : countersignPassphraseCredentialsId.strip();
    }

    public String getSoak() {
        return soak;
    }

    /** How long an image must have stood in the previous environment first: 30m, 24h, 2d; empty: no wait. */
    @DataBoundSetter
    public void setSoak(String soak) {
        this.soak = blankToNull(soak);
    }

    public String getVerifyTests() {
        return verifyTests;
    }

    /** container-structure-test spec files in the workspace, one per line, run against the promoted copy. */
    @DataBoundSetter
    public void setVerifyTests(String verifyTests) {
        this.verifyTests = blankToNull(verifyTests);
    }

    public String getVerifyCommand() {
        return verifyCommand;
    }

    /** A shell command run on the agent after each promotion, with IMAGE, IMAGE_DIGEST and ENVIRONMENT set (a smoke test). */
    @DataBoundSetter
    public void setVerifyCommand(String verifyCommand) {
        this.verifyCommand = blankToNull(verifyCommand);
    }

    public String getVerifyTimeout() {
        return verifyTimeout;
    }

    @DataBoundSetter
    public void setVerifyTimeout(String verifyTimeout) {
        this.verifyTimeout = blankToNull(verifyTimeout);
    }

    public String getTrustedTesters() {
        return trustedTesters;
    }

    /** Jobs or folders, one per line, whose passing test runs count here (protected) besides the job that built the image. */
    @DataBoundSetter
    public void setTrustedTesters(String trustedTesters) {
        this.trustedTesters = blankToNull(trustedTesters);
    }

    public String getApprovers() {
        return approvers;
    }

    /**
     * Users or groups (ids, one per line or comma-separated) who may approve a promotion into this protected environment on the
     * build's page; empty: any signed-in user with Image Lifecycle/Promote on the job.
     */
    @DataBoundSetter
    public void setApprovers(String approvers) {
        this.approvers = blankToNull(approvers);
    }

    /** The approvers as a list, in the order given. */
    public java.util.List<String> approverList() {
        return approvers == null ? java.util.List.of()
                : java.util.Arrays.stream(approvers.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The verify settings of the form: spec lines, and the command run by {@code sh -c} as the {@code sh} step runs its script. */
    io.jenkins.plugins.imagelifecycle.config.VerifySettings verifySettings() {
        java.util.List<String> tests = verifyTests == null ? java.util.List.of()
                : verifyTests.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        java.util.List<String> command = verifyCommand == null ? java.util.List.of() : java.util.List.of("sh", "-c", verifyCommand);
        return new io.jenkins.plugins.imagelifecycle.config.VerifySettings(tests, command, verifyTimeout);
    }

    /** This environment's countersigning key, read from its credentials now; empty when it has none. */
    public java.util.Optional<io.jenkins.plugins.imagelifecycle.signing.SigningKey> countersignKey() {
        return ControllerSigningKey.load(countersignKeyCredentialsId, countersignPassphraseCredentialsId);
    }

    /** The core's environment; refuses a bad name or severity with the core's message. */
    public Environment toEnvironment() {
        return new Environment(name, target, protectedEnvironment, allowSkip, blockSeverity, pemBlocks(trustedKeys))
                .withSoakAndVerify(soak, verifySettings())
                .withTrustedTesters(trustedTesters == null ? java.util.List.of() : trustedTesters.lines().toList());
    }

    /** Each PEM block of the text, whole. */
    static java.util.List<String> pemBlocks(String text) {
        java.util.List<String> blocks = new java.util.ArrayList<>();
        if (text == null) {
            return blocks;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-----BEGIN [A-Z ]+-----.*?-----END [A-Z ]+-----", java.util.regex.Pattern.DOTALL)
                .matcher(text);
        while (m.find()) {
            blocks.add(m.group() + "\n");
        }
        return blocks;
    }

    @Extension
    @Symbol("environment")
    public static class DescriptorImpl extends Descriptor<EnvironmentConfig> {
        @Override
        public String getDisplayName() {
            return "Environment";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                new Environment(value, null, false, false);
                return FormValidation.ok();
            } catch (LifecycleException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckTrustedKeys(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                var keys = io.jenkins.plugins.imagelifecycle.signing.KeySources.trusted(pemBlocks(value));
                return keys.isEmpty() ? FormValidation.ok() : FormValidation.ok("Key ids: "
                        + String.join(", ", keys.stream().map(io.jenkins.plugins.imagelifecycle.signing.TrustedKey::keyId).toList()));
            } catch (io.jenkins.plugins.imagelifecycle.model.LifecycleException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckSoak(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                io.jenkins.plugins.imagelifecycle.config.Durations.parse(value, "Soak");
                return FormValidation.ok();
            } catch (LifecycleException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckVerifyTimeout(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                new io.jenkins.plugins.imagelifecycle.config.VerifySettings(null, null, value);
                return FormValidation.ok();
            } catch (LifecycleException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckBlockSeverity(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                new Environment("env", null, false, false, value);
                return FormValidation.ok();
            } catch (LifecycleException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        @POST
        public FormValidation doCheckTarget(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                ImageRef example = ImageRef.parse("registry.example.com/team/app:1.0");
                return FormValidation.ok("registry.example.com/team/app:1.0 goes to "
                        + new Environment("env", value, false, false).targetFor(example));
            } catch (LifecycleException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
