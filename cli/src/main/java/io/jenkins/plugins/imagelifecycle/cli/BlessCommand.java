package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.lifecycle.BuildOperations;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuiltImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuildRequest;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bless", mixinStandardHelpOptions = true,
        description = "Layer security and operations hooks on an upstream base image: pin the base by digest, "
                + "build, label, push, record with provenance.")
final class BlessCommand extends BuildCommand {
    @Option(names = "--base", required = true, paramLabel = "REF", description = "Upstream base image (a tag is pinned to its digest once)")
    String base;

    @Override
    ContainerBuildRequest request() {
        return new ContainerBuildRequest(base, dockerfile, context, target, buildArgs, null, outputDir, tests);
    }

    @Override
    BuiltImage run(BuildOperations operations, Path workspace, ContainerBuildRequest request, PrintStream log) {
        return operations.bless(workspace, request, log);
    }
}
