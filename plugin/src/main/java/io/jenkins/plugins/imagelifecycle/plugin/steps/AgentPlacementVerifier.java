package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.FilePath;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.lifecycle.PlacementVerifier;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.IOException;
import java.io.PrintStream;

/** Verifies placements on the build's agent, in its workspace: where the specs are and the engine is. */
final class AgentPlacementVerifier implements PlacementVerifier {
    private final FilePath workspace;
    private final AgentSetup setup;
    private final TaskListener listener;

    AgentPlacementVerifier(FilePath workspace, AgentSetup setup, TaskListener listener) {
        this.workspace = workspace;
        this.setup = setup;
        this.listener = listener;
    }

    @Override
    public void prepare(Environment env) {
        act(new PlacementVerifyCallable(env, null, false, setup, listener));
    }

    @Override
    public TestReport verify(Environment env, String image, boolean containerImage, PrintStream log) {
        return act(new PlacementVerifyCallable(env, image, containerImage, setup, listener));
    }

    private TestReport act(PlacementVerifyCallable callable) {
        try {
            return workspace.act(callable);
        } catch (IOException e) {
            throw new OperationFailedException("Verification on the agent failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Verification on the agent was interrupted");
        }
    }
}
