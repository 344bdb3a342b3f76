package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildAttestations;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import java.io.File;
import java.io.PrintStream;
import jenkins.MasterToSlaveFileCallable;

/**
 * Stores a pushed image's attestations from the agent, with the agent's registry credentials. It runs
 * after the controller has recorded the pushed digest, so that a registry failing now leaves an image
 * the catalog knows, with its attestations marked missing.
 */
final class AttestationsCallable extends MasterToSlaveFileCallable<Void> {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String digest;
    private final java.util.ArrayList<BuildAttestations.Prepared> statements;
    private final AgentSetup setup;
    private final TaskListener listener;

    /** @param statements prepared on the controller: signed there when a signing key is configured */
    AttestationsCallable(String target, String digest, java.util.List<BuildAttestations.Prepared> statements, AgentSetup setup,
                         TaskListener listener) {
        this.target = target;
        this.digest = digest;
        this.statements = new java.util.ArrayList<>(statements);
        this.setup = setup;
        this.listener = listener;
    }

    @Override
    public Void invoke(File workspace, VirtualChannel channel) {
        PrintStream log = setup.mask(listener.getLogger());
        try {
            BuildAttestations.store(setup.registry(), ImageRef.parse(target), Digest.parse(digest), statements, log);
            return null;
        } finally {
            log.flush();
        }
    }
}
