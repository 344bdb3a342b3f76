package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/** Writes release notes as a Markdown file in the workspace's output folder; returns its path there. */
final class ReleaseNotesFileCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String outputDir;
    private final String name;
    private final String markdown;

    ReleaseNotesFileCallable(String outputDir, String name, String markdown) {
        this.outputDir = outputDir;
        this.name = name;
        this.markdown = markdown;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        Path dir = root.resolve(outputDir).normalize();
        if (!dir.startsWith(root)) {
            throw new IOException("The output directory '" + outputDir + "' is outside the workspace; expected a folder inside it");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        return file.toString();
    }
}
