package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.plugin.config.ControllerSigningKey;
import io.jenkins.plugins.imagelifecycle.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.model.AdvisoryWaiver;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromotionResult;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageOperation;
import java.time.Clock;
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
 * {@code promoteImage(image: img.digest, to: 'qa')}: copies the recorded, tested digest unchanged into an
 * environment (registry to registry, attestations included) and records who promoted it and who approved.
 * Registry work only, so it runs from the controller and needs no node.
 */
public class PromoteImageStep extends SigningStep {
    private final String image;
    private final String to;
    private String approver;
    private String waiveTests;
    private String credentialsId;
    private List<String> waiveAdvisories = List.of();
    private boolean wait = true;

    @DataBoundConstructor
    public PromoteImageStep(String image, String to) {
        this.image = image;
        this.to = to;
    }

    public String getImage() {
        return image;
    }

    public String getTo() {
        return to;
    }

    public String getApprover() {
        return approver;
    }

    /** Who approved; required by protected environments. */
    @DataBoundSetter
    public void setApprover(String approver) {
        this.approver = approver;
    }

    public String getWaiveTests() {
        return waiveTests;
    }

    /** Promote without passing tests; this reason goes on record. */
    @DataBoundSetter
    public void setWaiveTests(String waiveTests) {
        this.waiveTests = waiveTests;
    }

    public List<String> getWaiveAdvisories() {
        return waiveAdvisories;
    }

    /** Findings the environment's vulnerability gate may let through, each {@code ID until yyyy-MM-dd: reason} (recorded). */
    @DataBoundSetter
    public void setWaiveAdvisories(List<String> waiveAdvisories) {
        this.waiveAdvisories = waiveAdvisories == null ? List.of() : List.copyOf(waiveAdvisories);
    }

    public boolean isWait() {
        return wait;
    }

    /**
     * Wait for the environment's verification and fail the build when it fails (the default); false leaves the
     * placement {@code verifying}, not eligible downstream, until a {@code reverify} runs it.
     */
    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
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
        private final transient PromoteImageStep step;

        Execution(StepContext context, PromoteImageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute() throws Exception {
            StepArguments.required("promoteImage", "image", step.image, "a digest or reference of a catalog image");
            StepArguments.required("promoteImage", "to", step.to, "an environment");
            var config = config();
            if (config.environment(step.to).protectedEnv()) {
                ImageLifecyclePermissions.require(build().getParent(), ImageLifecyclePermissions.PROMOTE,
                        "promoting into protected environment '" + step.to + "'", log());
            }
            var setup = agent(step.credentialsId, List.of());
            PromoteOperation promotion = promotion(this, config, setup, step.wait, step.getSigningKeyCredentialsId(),
                    step.getSigningPassphraseCredentialsId(), step.to);
            PromoteRequest request = approved(this, promotion, new PromoteRequest(step.image, step.to, step.approver, step.waiveTests,
                    step.waiveAdvisories.stream().map(AdvisoryWaiver::parse).toList()));
            PromotionResult result = promotion.promote(request, identity().actor(), setup.mask(log()));
            return recorded(this, result, PromoteOperation.ACTION);
        }
    }

    /**
     * Promotion as the steps that place an image run it: the controller copies and signs; the agent, when the build
     * is in a node block, verifies in the environment. An environment that verifies and a step outside a node
     * with {@code wait} is refused before anything is copied.
     */
    static PromoteOperation promotion(LifecycleStepExecution execution, io.jenkins.plugins.imagelifecycle.config.LifecycleConfig config,
                                      io.jenkins.plugins.imagelifecycle.plugin.AgentSetup setup, boolean wait, String keyId, String passphraseId,
                                      String environment) throws Exception {
        PromoteOperation operation = new PromoteOperation(execution.catalog(), config, setup.controllerRegistry(), Clock.systemUTC(),
                ControllerSigningKey.forBuild(execution.build(), keyId, passphraseId),
                env -> ImageLifecycleConfiguration.get().getEnvironments().stream().filter(e -> e.getName().equals(env.name()))
                        .findFirst().flatMap(EnvironmentConfig::countersignKey));
        if (!wait || config.environment(environment).verify() == null) {
            return operation;
        }
        hudson.FilePath workspace = execution.getContext().get(hudson.FilePath.class);
        if (workspace == null) {
            throw new hudson.AbortException("Environment " + environment + " verifies each image promoted there, on an agent: run this step"
                    + " inside a node block, or pass wait: false to leave the verification to a later reverify");
        }
        return operation.verifyingWith(new AgentPlacementVerifier(workspace, setup, execution.listener()));
    }

    /**
     * A promotion into a protected environment, once a person approved it on the build's page (the gates checked first,
     * so no one approves what could not enter); any other promotion as it was asked.
     */
    static PromoteRequest approved(LifecycleStepExecution execution, PromoteOperation promotion, PromoteRequest request) throws Exception {
        if (!execution.config().environment(request.environment()).protectedEnv()) {
            return request;
        }
        ImageRecord image = promotion.checkBeforeApproval(request);
        ImageLifecyclePermissions.requireOnProducers(List.of(image), ImageLifecyclePermissions.PROMOTE,
                "promoting into protected environment '" + request.environment() + "'", execution.log());
        return io.jenkins.plugins.imagelifecycle.plugin.approval.ApprovalGate.await(execution.build(), execution.catalog(), image, request,
                execution.log());
    }

    /** The run's record and the step's map; a failed verification fails the build after both are written. */
    static Map<String, Object> recorded(LifecycleStepExecution execution, PromotionResult result, String action) throws Exception {
        ImageRecord image = execution.catalog().require(result.digest());
        String verification = result.verification() == null ? null : result.verification().state().label();
        execution.action().add(ImageOperation.succeeded(action).ref(result.targetRef()).digest(result.digest())
                .stage(image.stage().id()).parent(image.parentDigest()).environment(result.environment())
                .message(result.alreadyThere() ? "already in " + result.environment()
                        : verification == null ? null : verification + ": " + result.verification().detail()).build(), null, null);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ref", result.targetRef());
        map.put("digest", result.digest());
        map.put("stage", image.stage().id());
        map.put("environment", result.environment());
        map.put("alreadyThere", result.alreadyThere());
        map.put("previous", result.previous());
        map.put("attestationsCopied", result.attestationsCopied());
        map.put("verification", verification);
        map.put("verificationDetail", result.verification() == null ? null : result.verification().detail());
        if (result.verificationFailed()) {
            throw new hudson.AbortException(result.digest() + " was placed in " + result.environment() + " but its verification there failed: "
                    + result.verification().detail());
        }
        return map;
    }

    @Extension
    @Symbol("promoteImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "promoteImage";
        }

        @Override
        public String getDisplayName() {
            return "Promote an image, unchanged, into an environment";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_CONTROLLER;
        }
    }
}
