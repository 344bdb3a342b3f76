// Compile-only stand-in of org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution (workflow-step-api, bom-2.479.x); never shipped.
package org.jenkinsci.plugins.workflow.steps;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, SynchronousNonBlockingStepExecution.class.getName());
        t.setDaemon(true);
        return t;
    });

    private transient volatile Future<?> task;
    private transient volatile Throwable stopCause;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        // As in workflow-step-api: run() on a pool thread, the outcome reported to the context, unless stopped.
        // as workflow-step-api does with ACL.as(auth): run() acts as whoever started the step
        org.springframework.security.core.Authentication auth = jenkins.model.Jenkins.getAuthentication2();
        task = EXECUTOR.submit(() -> {
            var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            org.springframework.security.core.context.SecurityContextHolder.setContext(context);
            try {
                T result = run();
                getContext().onSuccess(result);
            } catch (Throwable x) {
                if (stopCause == null) {
                    getContext().onFailure(x);
                } else {
                    stopCause.addSuppressed(x);
                }
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.clearContext();
            }
        });
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        if (task != null) {
            stopCause = cause;
            task.cancel(true);
        }
        super.stop(cause);
    }
}
