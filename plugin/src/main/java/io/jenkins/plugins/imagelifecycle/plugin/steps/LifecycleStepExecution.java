package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildAttemptFailedException;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildRecorder;
import io.jenkins.plugins.imagelifecycle.lifecycle.TestsFailedException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.RegistryCredentialsLookup;
import io.jenkins.plugins.imagelifecycle.plugin.RunIdentity;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.config.RegistryConfig;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageOperation;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import io.jenkins.plugins.imagelifecycle.verify.TestResultStatement;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The base of every step's execution: gathers what the context offers (run, workspace, listener,
 * environment), hands the work to one core operation, and turns the core's errors into an
 * {@link AbortException} with the same message, so bad input shows one clear line and no stack trace.
 */
abstract class LifecycleStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    LifecycleStepExecution(StepContext context) {
        super(context);
    }

    @Override
    protected final Map<String, Object> run() throws Exception {
        try {
            return execute();
        } catch (LifecycleException e) {
            throw new AbortException(e.getMessage());
        }
    }

    protected abstract Map<String, Object> execute() throws Exception;

    Run<?, ?> build() throws IOException, InterruptedException {
        return getContext().get(Run.class);
    }

    FilePath workspace() throws IOException, InterruptedException {
        FilePath workspace = getContext().get(FilePath.class);
        if (workspace == null) {
            throw new AbortException("This step needs a workspace: run it inside a node block");
        }
        return workspace;
    }

    TaskListener listener() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class);
    }

    PrintStream log() throws IOException, InterruptedException {
        return listener().getLogger();
    }

    EnvVars environment() throws IOException, InterruptedException {
        EnvVars env = getContext().get(EnvVars.class);
        return env != null ? env : new EnvVars();
    }

    BuildContext identity() throws IOException, InterruptedException {
        return RunIdentity.of(build());
    }

    Catalog catalog() {
        return ControllerCatalog.get();
    }

    LifecycleConfig config() {
        return ControllerCatalog.config();
    }

    RegistryCredentials credentials(String credentialsId) throws IOException, InterruptedException {
        return RegistryCredentialsLookup.resolve(credentialsId, build());
    }

    AgentSetup agent(String credentialsId, List<String> secrets) throws IOException, InterruptedException {
        PrintStream log = log();
        Map<String, RegistryCredentials> configured = new java.util.TreeMap<>();
        for (RegistryConfig registry : ImageLifecycleConfiguration.get().getRegistries()) {
            String id = registry.getCredentialsId();
            if (id == null || id.isBlank()) {
                continue;
            }
            // one unusable entry must not break steps that never touch that registry
            RegistryCredentialsLookup.find(id, build()).ifPresentOrElse(c -> configured.put(registry.getHost(), c),
                    () -> log.println("Registry " + registry.getHost() + ": credentials '" + id + "' are not visible to this "
                            + "build (missing, or System scope); going on without them"));
        }
        return new AgentSetup(environment(), config(), credentials(credentialsId), configured, secrets);
    }

    ImageLifecycleRunAction action() throws IOException, InterruptedException {
        return ImageLifecycleRunAction.of(build());
    }

    /** A build that failed or was aborted: the attempt goes on record in the catalog and in the run's action. */
    void recordFailedAttempt(String operation, String target, String message, BuildContext identity, TestsFailedException tests)
            throws IOException, InterruptedException {
        new BuildRecorder(catalog()).recordFailedAttempt(operation, target, message, identity, tests);
        action().add(ImageOperation.failed(operation).ref(target).message(message).build(), null, null);
    }

    /** A build's failed attempt as the agent reported it. */
    void recordFailedAttempt(String operation, BuildAttemptFailedException e, BuildContext identity)
            throws IOException, InterruptedException {
        recordFailedAttempt(operation, e.target(), e.getMessage(), identity, e instanceof TestsFailedException t ? t : null);
    }

    /** The test results kept beside build.xml: the in-toto statement also pushed to the registry; null without tests. */
    static String testDetails(ImageRecord image, TestReport report) {
        return report == null ? null : Json.write(TestResultStatement.of(image.repository(), Digest.parse(image.digest()), report));
    }
}
