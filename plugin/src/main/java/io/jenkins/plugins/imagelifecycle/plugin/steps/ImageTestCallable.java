package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageTestOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.WorkspacePaths;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import io.jenkins.plugins.imagelifecycle.verify.JUnitXml;
import io.jenkins.plugins.imagelifecycle.verify.SpecFile;
import io.jenkins.plugins.imagelifecycle.verify.SpecParser;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/** Runs container-structure-test specs from the workspace against a catalog image, on the agent's engine. */
final class ImageTestCallable extends MasterToSlaveFileCallable<TestReport> {
    private static final long serialVersionUID = 1L;

    private final ImageRecord image;
    private final List<String> specs;
    private final String junit;
    private final AgentSetup setup;
    private final TaskListener listener;
    private final int parallelism;
    private final int timeoutSeconds;

    ImageTestCallable(ImageRecord image, List<String> specs, String junit, AgentSetup setup, TaskListener listener,
                      int parallelism, int timeoutSeconds) {
        this.image = image;
        this.specs = List.copyOf(specs);
        this.junit = junit;
        this.setup = setup;
        this.listener = listener;
        this.parallelism = parallelism;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public TestReport invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = setup.mask(listener.getLogger());
        WorkspacePaths paths = new WorkspacePaths(workspace.toPath());
        List<SpecFile> parsed = SpecParser.requireTests(SpecParser.readAll(specs.stream().map(s -> paths.existingFile(s, "test spec")).toList()));
        Path junitFile = junit == null ? null : paths.inside(junit, "JUnit file");
        try (DockerEngine docker = setup.docker()) {
            TestReport report = ImageTestOperation.runOn(docker, image, parsed,
                    ImageTestOperation.runner(docker, parallelism, Duration.ofSeconds(timeoutSeconds)), setup.credentials(), log);
            if (junitFile != null) {
                Files.createDirectories(junitFile.getParent());
                Files.writeString(junitFile, JUnitXml.of(report, image.displayRef()));
            }
            return report;
        } finally {
            log.flush();
        }
    }
}
