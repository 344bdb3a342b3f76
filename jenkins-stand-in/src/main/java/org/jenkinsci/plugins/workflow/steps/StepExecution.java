// Compile-only stand-in of org.jenkinsci.plugins.workflow.steps.StepExecution (workflow-step-api, bom-2.479.x); never shipped.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }
}
