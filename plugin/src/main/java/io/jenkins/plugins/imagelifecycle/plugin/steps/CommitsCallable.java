package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import jenkins.MasterToSlaveFileCallable;

/** The commits between two source commits, from the Git working tree in the agent's workspace; null when it holds not both. */
final class CommitsCallable extends MasterToSlaveFileCallable<ArrayList<GitSource.Commit>> {
    private static final long serialVersionUID = 1L;

    private final String sourceDir;
    private final String from;
    private final String to;

    /** @param sourceDir relative to the workspace, or null for the workspace itself */
    CommitsCallable(String sourceDir, String from, String to) {
        this.sourceDir = sourceDir;
        this.to = to;
        this.from = from;
    }

    @Override
    public ArrayList<GitSource.Commit> invoke(File workspace, VirtualChannel channel) {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        Path dir = sourceDir == null || sourceDir.isBlank() ? root : root.resolve(sourceDir).normalize();
        if (!dir.startsWith(root)) {
            return null; // the build itself refused such a folder; nothing outside the workspace is read
        }
        return GitSource.commitsBetween(dir, from, to).map(ArrayList::new).orElse(null);
    }
}
