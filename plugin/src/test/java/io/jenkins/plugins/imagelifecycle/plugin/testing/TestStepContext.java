package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * What a Pipeline gives a step, for tests: run, workspace, listener (capturing the log) and environment;
 * the step's outcome is kept for the test to wait on.
 */
public final class TestStepContext extends StepContext {
    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, Object> objects = new HashMap<>();
    private final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
    private final transient ByteArrayOutputStream log = new ByteArrayOutputStream();

    public TestStepContext(Run<?, ?> run, Path workspace, Map<String, String> environment) {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        TaskListener listener = () -> out;
        objects.put(Run.class, run);
        objects.put(TaskListener.class, listener);
        objects.put(EnvVars.class, new EnvVars(environment));
        if (workspace != null) {
            objects.put(FilePath.class, new FilePath(workspace.toFile()));
        }
    }

    @Override
    public <T> T get(Class<T> key) {
        return key.cast(objects.get(key));
    }

    @Override
    public void onSuccess(Object result) {
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
    }

    /** Starts the step as the Pipeline engine would and returns its execution. */
    public StepExecution start(Step step) throws Exception {
        StepExecution execution = step.start(this);
        execution.start();
        return execution;
    }

    /** Runs the step to its end and returns its result; a failed step throws its cause. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> run(Step step, Duration limit) throws Throwable {
        start(step);
        try {
            return (Map<String, Object>) outcome.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    public CompletableFuture<Object> outcome() {
        return outcome;
    }

    public String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
