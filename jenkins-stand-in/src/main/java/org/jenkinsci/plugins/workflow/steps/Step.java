// Compile-only stand-in of org.jenkinsci.plugins.workflow.steps.Step (workflow-step-api, bom-2.479.x); never shipped.
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        return (StepDescriptor) super.getDescriptor();
    }
}
