package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.VerifySettings;
import io.jenkins.plugins.imagelifecycle.lifecycle.LocalPlacementVerifier;
import io.jenkins.plugins.imagelifecycle.lifecycle.WorkspacePaths;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.File;
import java.io.PrintStream;
import jenkins.MasterToSlaveFileCallable;

/**
 * An environment's verification on the agent: the spec files from the workspace (never outside it), the engine
 * and the registry logins of the agent, the command with the build's environment. With {@code image} null it only
 * checks that the specs can run (before anything is copied).
 */
final class PlacementVerifyCallable extends MasterToSlaveFileCallable<TestReport> {
    private static final long serialVersionUID = 1L;

    private final Environment env;
    private final String image;
    private final boolean containerImage;
    private final AgentSetup setup;
    private final TaskListener listener;

    PlacementVerifyCallable(Environment env, String image, boolean containerImage, AgentSetup setup, TaskListener listener) {
        this.env = env;
        this.image = image;
        this.containerImage = containerImage;
        this.setup = setup;
        this.listener = listener;
    }

    @Override
    public TestReport invoke(File workspace, VirtualChannel channel) {
        PrintStream log = setup.mask(listener.getLogger());
        WorkspacePaths paths = new WorkspacePaths(workspace.toPath());
        VerifySettings verify = env.verify();
        VerifySettings inside = new VerifySettings(verify.tests().stream().map(t -> paths.existingFile(t, "verify spec").toString()).toList(),
                verify.command(), verify.timeout());
        Environment checked = env.withSoakAndVerify(env.soak(), inside);
        LocalPlacementVerifier verifier = new LocalPlacementVerifier(workspace.toPath(), setup::docker, setup.credentials(), setup.environment());
        verifier.prepare(checked);
        if (image == null) {
            return null;
        }
        try {
            return verifier.verify(checked, image, containerImage, log);
        } finally {
            log.flush();
        }
    }
}
