package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.lifecycle.BuildOperations;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuiltImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuildRequest;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Layer application code on a blessed image: build, label, push, record with source provenance.")
final class AugmentCommand extends BuildCommand {
    @Option(names = "--from", required = true, paramLabel = "REF",
            description = "The blessed image: a reference with tag or digest, or a bare sha256: digest from the catalog")
    String from;

    @Option(names = "--source", paramLabel = "DIR",
            description = "Application source directory inside the workspace; its Git commit is recorded")
    String source;

    @Override
    ContainerBuildRequest request() {
        return new ContainerBuildRequest(from, dockerfile, context, target, buildArgs, source, outputDir, tests);
    }

    @Override
    BuiltImage run(BuildOperations operations, Path workspace, ContainerBuildRequest request, PrintStream log) {
        return operations.augment(workspace, request, log);
    }
}
