package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromotionResult;
import io.jenkins.plugins.imagelifecycle.lifecycle.RollbackOperation;
import io.jenkins.plugins.imagelifecycle.model.AdvisoryWaiver;
import io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code rollbackImage(environment: 'prod', approver: 'carol')}: puts back the digest that stood there before the
 * current one (or {@code to: 'sha256:…'}), through every gate of a promotion, recorded as a rollback. Verified in
 * the environment as a promotion is.
 */
public class RollbackImageStep extends SigningStep {
    private final String environment;
    private String image;
    private String to;
    private String approver;
    private String credentialsId;
    private List<String> waiveAdvisories = List.of();
    private boolean wait = true;

    @DataBoundConstructor
    public RollbackImageStep(String environment) {
        this.environment = environment;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getImage() {
        return image;
    }

    /** An image of the family to roll back; needed when the environment holds several families. */
    @DataBoundSetter
    public void setImage(String image) {
        this.image = image;
    }

    public String getTo() {
        return to;
    }

    /** The digest to go back to (one that stood there); default: the one before the current one. */
    @DataBoundSetter
    public void setTo(String to) {
        this.to = to;
    }

    public String getApprover() {
        return approver;
    }

    @DataBoundSetter
    public void setApprover(String approver) {
        this.approver = approver;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    public List<String> getWaiveAdvisories() {
        return waiveAdvisories;
    }

    @DataBoundSetter
    public void setWaiveAdvisories(List<String> waiveAdvisories) {
        this.waiveAdvisories = waiveAdvisories == null ? List.of() : List.copyOf(waiveAdvisories);
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends LifecycleStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient RollbackImageStep step;

        Execution(StepContext context, RollbackImageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute() throws Exception {
            StepArguments.required("rollbackImage", "environment", step.environment, "an environment");
            var config = config();
            if (config.environment(step.environment).protectedEnv()) {
                ImageLifecyclePermissions.require(build().getParent(), ImageLifecyclePermissions.PROMOTE,
                        "rolling back protected environment '" + step.environment + "'", log());
            }
            var setup = agent(step.credentialsId, List.of());
            PromoteOperation promotion = PromoteImageStep.promotion(this, config, setup, step.wait, step.getSigningKeyCredentialsId(),
                    step.getSigningPassphraseCredentialsId(), step.environment);
            PromoteRequest request = new RollbackOperation(catalog(), config, promotion).request(step.environment, step.image, step.to,
                    step.approver, step.waiveAdvisories.stream().map(AdvisoryWaiver::parse).toList(), setup.mask(log()));
            PromotionResult result = promotion.promote(PromoteImageStep.approved(this, promotion, request), identity().actor(),
                    setup.mask(log()));
            return PromoteImageStep.recorded(this, result, PromoteOperation.ROLLBACK_ACTION);
        }
    }

    @Extension
    @Symbol("rollbackImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "rollbackImage";
        }

        @Override
        public String getDisplayName() {
            return "Roll an environment back to the digest that stood there before";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_CONTROLLER;
        }
    }
}
