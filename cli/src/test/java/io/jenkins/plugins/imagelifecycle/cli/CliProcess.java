package io.jenkins.plugins.imagelifecycle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own, with variables added to this one's environment (a PostgreSQL password file): what a
 * user's shell runs, and what a test can kill.
 */
final class CliProcess {
    private CliProcess() {
    }

    /** One finished run: exit code, standard output, standard error. */
    record Run(int exitCode, String out, String err) {
    }

    /** The command that starts the CLI with {@code args}. */
    static ProcessBuilder builder(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ImageLifecycleCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs the CLI to its end (at most a minute), its output kept in files under {@code dir}. */
    static Run run(Path dir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out-" + UUID.randomUUID());
        Path err = dir.resolve("err-" + UUID.randomUUID());
        Process process = builder(environment, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not end within a minute: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
