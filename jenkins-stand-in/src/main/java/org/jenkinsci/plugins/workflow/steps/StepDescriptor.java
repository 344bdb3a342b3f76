// Compile-only stand-in of org.jenkinsci.plugins.workflow.steps.StepDescriptor (workflow-step-api, bom-2.479.x); never shipped.
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
