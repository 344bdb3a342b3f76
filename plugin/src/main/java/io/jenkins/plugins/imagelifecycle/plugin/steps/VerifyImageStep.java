package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.signing.ImageVerification;
import io.jenkins.plugins.imagelifecycle.signing.KeySources;
import io.jenkins.plugins.imagelifecycle.signing.SignatureVerification;
import io.jenkins.plugins.imagelifecycle.signing.TrustedKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code verifyImage(image: ref, environment: 'prod')}: checks the image's cosign signatures and its
 * attestations' DSSE envelopes in its repository against the keys an environment trusts, as the CLI's
 * {@code verify} does, and returns what it found. Fails the build when the image is not signed by one of
 * them, unless {@code failIfUnverified: false}.
 */
public class VerifyImageStep extends Step {
    private final String image;
    private String environment;
    private boolean failIfUnverified = true;
    private String credentialsId;

    @DataBoundConstructor
    public VerifyImageStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public String getEnvironment() {
        return environment;
    }

    /** The environment whose trusted keys decide. */
    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public boolean isFailIfUnverified() {
        return failIfUnverified;
    }

    @DataBoundSetter
    public void setFailIfUnverified(boolean failIfUnverified) {
        this.failIfUnverified = failIfUnverified;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends LifecycleStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient VerifyImageStep step;

        Execution(StepContext context, VerifyImageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute() throws Exception {
            StepArguments.required("verifyImage", "image", step.image, "registry/repository:tag or @sha256:…");
            // read before the configuration: a reference that is no reference is refused whatever the environment trusts
            ImageRef ref = ImageRef.parse(step.image);
            if (step.environment == null || step.environment.isBlank()) {
                throw new BadInputException("verifyImage needs environment: the one whose trusted keys decide");
            }
            List<TrustedKey> trusted = KeySources.trusted(config().environment(step.environment).trustedKeys());
            if (trusted.isEmpty()) {
                throw new BadInputException("Environment " + step.environment + " trusts no key; expected trusted public keys in its configuration");
            }
            ImageVerification checked = ImageVerification.of(agent(step.credentialsId, List.of()).controllerRegistry(),
                    ref, trusted);
            SignatureVerification.Result result = checked.signatures();
            String image = checked.image();
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("image", image);
            map.put("verified", result.trusted());
            List<Map<String, Object>> signatures = new ArrayList<>();
            result.signatures().forEach(c -> signatures.add(entry(c.keyId(), c.valid(), c.detail())));
            map.put("signatures", signatures);
            List<Map<String, Object>> statements = new ArrayList<>();
            checked.attestations().forEach(a -> {
                Map<String, Object> e = entry(a.signedBy(), a.valid(), a.detail());
                e.put("predicateType", a.predicateType());
                statements.add(e);
            });
            map.put("attestations", statements);
            log().println(image + ": " + (result.trusted() ? "signed by a key " + step.environment + " trusts"
                    : "NOT signed by a key " + step.environment + " trusts") + " (" + result.summary() + ")");
            if (!result.trusted() && step.failIfUnverified) {
                throw new AbortException(image + " has no valid signature by a key " + step.environment
                        + " trusts: " + result.summary());
            }
            return map;
        }

        private static Map<String, Object> entry(String keyId, boolean valid, String detail) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("keyId", keyId);
            e.put("valid", valid);
            e.put("detail", detail);
            return e;
        }
    }

    @Extension
    @Symbol("verifyImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "verifyImage";
        }

        @Override
        public String getDisplayName() {
            return "Verify an image's signatures against an environment's trusted keys";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_CONTROLLER;
        }
    }
}
