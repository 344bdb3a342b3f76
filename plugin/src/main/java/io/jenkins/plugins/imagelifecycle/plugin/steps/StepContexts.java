package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;

/** What the steps need from the Pipeline context. */
final class StepContexts {
    /** Steps that work in a workspace, on the agent that owns it. */
    static final Set<Class<?>> ON_AGENT = Set.of(Run.class, FilePath.class, TaskListener.class, EnvVars.class);

    /** Steps that only talk to the catalog and registries, from the controller: no node block needed. */
    static final Set<Class<?>> ON_CONTROLLER = Set.of(Run.class, TaskListener.class);

    private StepContexts() {
    }
}
