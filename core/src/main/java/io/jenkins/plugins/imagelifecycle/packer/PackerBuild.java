package io.jenkins.plugins.imagelifecycle.packer;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.support.SideTask;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One {@code packer build}: its artifacts, or a failure with Packer's own error lines. */
public final class PackerBuild {
    private final Packer packer;

    public PackerBuild(Packer packer) {
        this.packer = packer;
    }

    /** What a build produced, and the Packer version that produced it. */
    public record Result(List<PackerArtifact> artifacts, String version) {
    }

    public Result run(Path template, PackerVariables variables, Duration timeout, PrintStream log) {
        // Packer 1.6's machine-readable build prints no version line: `packer version` runs beside the build, not after it
        java.util.concurrent.CompletableFuture<String> version = SideTask.start("packer-version", packer::version);
        PackerProcess.Outcome outcome = packer.build(template, variables.arguments(), timeout, variables.secrets(), log);
        if (outcome.exitCode() != 0) {
            throw new OperationFailedException("Packer build of " + template.getFileName() + " failed (exit "
                    + outcome.exitCode() + signalOf(outcome.exitCode()) + ")" + (outcome.errors().isEmpty() ? "" : ": " + outcome.errors()));
        }
        if (outcome.artifacts().isEmpty()) {
            throw new OperationFailedException("Packer build of " + template.getFileName() + " reported no artifact");
        }
        return new Result(outcome.artifacts(), outcome.version().isEmpty() ? SideTask.joined(version) : outcome.version());
    }

    /** A process ended by a signal exits 128 + its number here: Packer killed (out of memory, an operator) says so. */
    private static String signalOf(int exitCode) {
        return exitCode > 128 && exitCode < 160 ? ": killed by signal " + (exitCode - 128) : "";
    }
}
