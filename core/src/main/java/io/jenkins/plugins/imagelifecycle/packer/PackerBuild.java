package io.jenkins.plugins.imagelifecycle.packer;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
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
        PackerProcess.Outcome outcome = packer.build(template, variables.arguments(), timeout, variables.secrets(), log);
        if (outcome.exitCode() != 0) {
            throw new OperationFailedException("Packer build of " + template.getFileName() + " failed (exit "
                    + outcome.exitCode() + ")" + (outcome.errors().isEmpty() ? "" : ": " + outcome.errors()));
        }
        if (outcome.artifacts().isEmpty()) {
            throw new OperationFailedException("Packer build of " + template.getFileName() + " reported no artifact");
        }
        return new Result(outcome.artifacts(), outcome.version().isEmpty() ? packer.version() : outcome.version());
    }
}
