package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.RegistryCredentialsLookup;
import io.jenkins.plugins.imagelifecycle.plugin.RunIdentity;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.config.RegistryConfig;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction;
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
}
