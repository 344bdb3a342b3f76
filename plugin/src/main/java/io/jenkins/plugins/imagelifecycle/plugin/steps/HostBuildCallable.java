package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuiltHostImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.HostBuild;
import io.jenkins.plugins.imagelifecycle.lifecycle.HostBuildRequest;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/** Runs Packer on the agent (the node's PATH finds it) and returns one host image per artifact. */
final class HostBuildCallable extends MasterToSlaveFileCallable<ArrayList<BuiltHostImage>> {
    private static final long serialVersionUID = 1L;

    private final HostBuildRequest request;
    private final BuildContext context;
    private final AgentSetup setup;
    private final TaskListener listener;

    HostBuildCallable(HostBuildRequest request, BuildContext context, AgentSetup setup, TaskListener listener) {
        this.request = request;
        this.context = context;
        this.setup = setup;
        this.listener = listener;
    }

    @Override
    public ArrayList<BuiltHostImage> invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = setup.mask(listener.getLogger());
        // the engine is needed only to test Docker-builder artifacts
        DockerEngine docker = request.tests().isEmpty() ? null : setup.docker();
        try {
            List<BuiltHostImage> built = new HostBuild(docker, setup.environment()).run(workspace.toPath(), request, context, log);
            return new ArrayList<>(built);
        } finally {
            if (docker != null) {
                docker.close();
            }
            log.flush();
        }
    }
}
