package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import java.io.File;
import java.time.Instant;
import jenkins.MasterToSlaveFileCallable;

/**
 * Reads a pushed image's contents from the registry and stores its SBOM beside it, on the agent: the
 * layers stream through the machine that built the image, never through the controller, which records
 * the reading.
 */
final class ContentsCallable extends MasterToSlaveFileCallable<ImageContentsOperation.Reading> {
    private static final long serialVersionUID = 1L;

    private final ImageRecord image;
    private final AgentSetup setup;
    private final Instant at;
    private final boolean attest;

    /** @param attest store the SBOM from here, unsigned; false when the controller signs and stores it */
    ContentsCallable(ImageRecord image, AgentSetup setup, Instant at, boolean attest) {
        this.image = image;
        this.setup = setup;
        this.at = at;
        this.attest = attest;
    }

    @Override
    public ImageContentsOperation.Reading invoke(File workspace, VirtualChannel channel) {
        return attest ? ImageContentsOperation.readAndAttest(setup.registry(), image, at)
                : ImageContentsOperation.readInventory(setup.registry(), image, at);
    }
}
