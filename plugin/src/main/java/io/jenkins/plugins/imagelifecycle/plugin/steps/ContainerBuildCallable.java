package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.imagelifecycle.docker.EngineOnFirstUse;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuiltImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuild;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuildRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.ParentImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.PreparedBuild;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import jenkins.MasterToSlaveFileCallable;

/**
 * Bless or augment on the agent that owns the workspace: check, build with the node's Docker engine,
 * test, push, write provenance. The controller has looked up an augment's parent and records the result.
 */
final class ContainerBuildCallable extends MasterToSlaveFileCallable<BuiltImage> {
    private static final long serialVersionUID = 1L;

    private final ContainerBuildRequest request;
    private final ParentImage parent;
    private final BuildContext context;
    private final AgentSetup setup;
    private final TaskListener listener;
    private final int testParallelism;
    private final int testTimeoutSeconds;

    /** @param parent the catalog's blessed parent for an augment; null for a bless, whose base is pinned here */
    ContainerBuildCallable(ContainerBuildRequest request, ParentImage parent, BuildContext context, AgentSetup setup,
                           TaskListener listener, int testParallelism, int testTimeoutSeconds) {
        this.request = request;
        this.parent = parent;
        this.context = context;
        this.setup = setup;
        this.listener = listener;
        this.testParallelism = testParallelism;
        this.testTimeoutSeconds = testTimeoutSeconds;
    }

    @Override
    public BuiltImage invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = setup.mask(listener.getLogger());
        try (EngineOnFirstUse docker = new EngineOnFirstUse(setup::docker)) {
            var build = new ContainerBuild(docker, setup.registry(), setup.credentials())
                    .withTestSettings(testParallelism, Duration.ofSeconds(testTimeoutSeconds));
            PreparedBuild prepared = parent == null
                    ? build.prepareBless(workspace.toPath(), request, log)
                    : build.prepareAugment(workspace.toPath(), request, parent);
            return build.execute(prepared, context, log);
        } finally {
            log.flush();
        }
    }
}
