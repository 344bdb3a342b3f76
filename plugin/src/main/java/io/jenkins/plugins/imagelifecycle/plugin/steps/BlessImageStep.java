package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildOperations;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code blessImage(base: 'upstream/ref:tag', dockerfile: 'Dockerfile', target: 'registry/repo:tag')}: pins the
 * upstream base to its digest, layers the security and operations hooks, tests, pushes and records it.
 */
public class BlessImageStep extends ContainerBuildStep {
    private final String base;

    @DataBoundConstructor
    public BlessImageStep(String base, String dockerfile, String target) {
        super(dockerfile, target);
        this.base = base;
    }

    public String getBase() {
        return base;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new ContainerBuildExecution(context, this, base, null, BuildOperations.BLESS);
    }

    @Extension
    @Symbol("blessImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "blessImage";
        }

        @Override
        public String getDisplayName() {
            return "Bless an upstream base image";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_AGENT;
        }
    }
}
