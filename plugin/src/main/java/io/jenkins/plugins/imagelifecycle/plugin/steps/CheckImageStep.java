package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessAnswer;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessCheck;
import io.jenkins.plugins.imagelifecycle.fitness.RegistrySignatureCheck;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.time.Clock;
import java.time.LocalDate;
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
 * {@code checkImage(image: digest, environment: 'prod')}: the deploy-time question, may this digest run there now?
 * Returns {@code fit} and every reason it is not; fails the build when it is not fit unless {@code failIfUnfit: false}.
 * From the catalog, with no registry round trip unless {@code verifySignature: true}.
 */
public class CheckImageStep extends Step {
    private final String image;
    private final String environment;
    private boolean failIfUnfit = true;
    private boolean verifySignature;
    private String credentialsId;

    @DataBoundConstructor
    public CheckImageStep(String image, String environment) {
        this.image = image;
        this.environment = environment;
    }

    public String getImage() {
        return image;
    }

    public String getEnvironment() {
        return environment;
    }

    public boolean isFailIfUnfit() {
        return failIfUnfit;
    }

    @DataBoundSetter
    public void setFailIfUnfit(boolean failIfUnfit) {
        this.failIfUnfit = failIfUnfit;
    }

    public boolean isVerifySignature() {
        return verifySignature;
    }

    /** Also read the copy's signatures from the registry and verify them against the environment's keys. */
    @DataBoundSetter
    public void setVerifySignature(boolean verifySignature) {
        this.verifySignature = verifySignature;
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
        private final transient CheckImageStep step;

        Execution(StepContext context, CheckImageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute() throws Exception {
            if (step.image == null || step.image.isBlank() || step.environment == null || step.environment.isBlank()) {
                throw new BadInputException("checkImage needs image (a digest or reference) and environment");
            }
            FitnessAnswer answer = new FitnessCheck(catalog(), config()).check(step.image, step.environment, LocalDate.now(Clock.systemUTC()),
                    step.verifySignature ? new RegistrySignatureCheck(agent(step.credentialsId, List.of()).controllerRegistry()) : null);
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("image", answer.image());
            map.put("digest", answer.digest());
            map.put("environment", answer.environment());
            map.put("fit", answer.fit());
            map.put("current", answer.current());
            List<Map<String, Object>> reasons = new ArrayList<>();
            answer.reasons().forEach(r -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("code", r.code());
                e.put("message", r.message());
                reasons.add(e);
            });
            map.put("reasons", reasons);
            map.put("notes", new ArrayList<>(answer.notes()));
            log().println((answer.fit() ? "FIT " : "NOT FIT ") + answer.image() + " in " + answer.environment()
                    + (answer.fit() ? "" : ": " + String.join("; ", answer.reasons().stream().map(r -> r.code() + ": " + r.message()).toList())));
            if (!answer.fit() && step.failIfUnfit) {
                throw new AbortException(answer.image() + " is not fit to run in " + answer.environment() + ": "
                        + String.join("; ", answer.reasons().stream().map(FitnessAnswer.Reason::message).toList()));
            }
            return map;
        }
    }

    @Extension
    @Symbol("checkImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "checkImage";
        }

        @Override
        public String getDisplayName() {
            return "Check that a digest is fit to run in an environment now";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_CONTROLLER;
        }
    }
}
