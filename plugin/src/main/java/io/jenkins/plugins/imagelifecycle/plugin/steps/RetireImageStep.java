package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.CatalogPlacements;
import io.jenkins.plugins.imagelifecycle.lifecycle.EndOfLife;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireResult;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageOperation;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import java.time.Clock;
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
 * {@code retireImage(image: old.digest, reason: 'CVE-2026-1234')}: ends an image's life for good; its
 * descendants are flagged outdated, or retired too with {@code cascade: true}.
 */
public class RetireImageStep extends Step {
    private final String image;
    private String reason;
    private boolean cascade;
    private boolean removeFromEnvironments;
    private boolean purge;
    private String credentialsId;

    @DataBoundConstructor
    public RetireImageStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public String getReason() {
        return reason;
    }

    /** Why, for the record (required). */
    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = reason;
    }

    public boolean isCascade() {
        return cascade;
    }

    @DataBoundSetter
    public void setCascade(boolean cascade) {
        this.cascade = cascade;
    }

    public boolean isRemoveFromEnvironments() {
        return removeFromEnvironments;
    }

    /** Delete the environment copies' manifests in their registries. */
    @DataBoundSetter
    public void setRemoveFromEnvironments(boolean removeFromEnvironments) {
        this.removeFromEnvironments = removeFromEnvironments;
    }

    public boolean isPurge() {
        return purge;
    }

    /** Also delete the original pushed manifest (by default it is kept for traceability). */
    @DataBoundSetter
    public void setPurge(boolean purge) {
        this.purge = purge;
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
        private final transient RetireImageStep step;

        Execution(StepContext context, RetireImageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute() throws Exception {
            StepArguments.required("retireImage", "image", step.image, "a digest or reference of a catalog image");
            ImageLifecyclePermissions.require(build().getParent(), ImageLifecyclePermissions.RETIRE, "retiring " + step.image, log());
            Catalog catalog = catalog();
            var setup = agent(step.credentialsId, List.of());
            var registry = setup.controllerRegistry();
            EndOfLife endOfLife = new EndOfLife(catalog, new ManifestDeletion(registry), CatalogPlacements.copies(catalog),
                    identity().actor(), Clock.systemUTC());
            RetireRequest request = new RetireRequest(step.image, step.reason, step.cascade, step.removeFromEnvironments, step.purge);
            ImageLifecyclePermissions.requireOnProducers(endOfLife.retiring(request), ImageLifecyclePermissions.RETIRE,
                    "retiring " + step.image + (step.cascade ? " with its descendants" : ""), log());
            RetireResult result = endOfLife.retire(request, setup.mask(log()));
            ImageRecord image = catalog.require(step.image);
            String digest = image.digest();
            action().add(ImageOperation.succeeded("retire").ref(image.displayRef()).digest(digest).stage(image.stage().id())
                    .parent(image.parentDigest()).message(step.reason).build(), null, null);
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("ref", image.displayRef());
            map.put("digest", digest);
            map.put("stage", image.stage().id());
            map.put("retired", new ArrayList<>(result.retired()));
            map.put("outdated", new ArrayList<>(result.outdated()));
            return map;
        }
    }

    @Extension
    @Symbol("retireImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "retireImage";
        }

        @Override
        public String getDisplayName() {
            return "Retire an image";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_CONTROLLER;
        }
    }
}
