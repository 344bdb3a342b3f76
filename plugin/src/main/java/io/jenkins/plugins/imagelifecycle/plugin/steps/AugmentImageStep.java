package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildOperations;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code augmentImage(from: blessed.digest, dockerfile: 'Dockerfile', target: 'registry/app:1.0')}: layers
 * application code on a blessed image the catalog knows, records the source commit, tests, pushes.
 */
public class AugmentImageStep extends ContainerBuildStep {
    private final String from;
    private String source;

    @DataBoundConstructor
    public AugmentImageStep(String from, String dockerfile, String target) {
        super(dockerfile, target);
        this.from = from;
    }

    public String getFrom() {
        return from;
    }

    public String getSource() {
        return source;
    }

    /** Application source directory in the workspace; its Git commit goes into the provenance. */
    @DataBoundSetter
    public void setSource(String source) {
        this.source = source;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new ContainerBuildExecution(context, this, from, source, BuildOperations.AUGMENT);
    }

    @Extension
    @Symbol("augmentImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "augmentImage";
        }

        @Override
        public String getDisplayName() {
            return "Augment a blessed image with application code";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_AGENT;
        }
    }
}
