package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.CommandOutput;
import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One command test: setup (committed), the command in a fresh container, then the output checks. */
final class CommandTestRun {
    static final String KIND = "command";

    private CommandTestRun() {
    }

    static TestResult run(DockerContainers containers, String image, TestSpec.CommandTest t,
                          List<TestSpec.KeyValue> globalEnv, Duration timeout) {
        long start = System.nanoTime();
        List<String> env = new ArrayList<>();
        globalEnv.forEach(kv -> env.add(kv.key() + "=" + kv.value()));
        t.envVars().forEach(kv -> env.add(kv.key() + "=" + kv.value()));
        List<String> command = new ArrayList<>();
        command.add(t.command());
        command.addAll(t.args());
        String runIn = image;
        try {
            if (!t.setup().isEmpty()) {
                runIn = containers.commitAfter(image, t.setup(), env, timeout);
            }
            CommandOutput out = containers.run(runIn, command, env, timeout);
            String problem = problem(t, out, timeout);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return problem == null ? TestResult.pass(t.name(), KIND, ms) : TestResult.fail(t.name(), KIND, ms, problem);
        } catch (RuntimeException e) {
            return TestResult.fail(t.name(), KIND, (System.nanoTime() - start) / 1_000_000,
                    "could not run " + command + ": " + e.getMessage());
        } finally {
            if (!runIn.equals(image)) {
                containers.removeImageQuietly(runIn);
            }
        }
    }

    private static String problem(TestSpec.CommandTest t, CommandOutput out, Duration timeout) {
        if (out.timedOut()) {
            return "timed out after " + timeout.toSeconds() + " s";
        }
        if (out.exitCode() != t.expectedExitCode()) {
            return "exit code " + out.exitCode() + ", expected " + t.expectedExitCode() + tail(out);
        }
        for (String p : t.expectedOutput()) {
            if (!GoRegex.compile(p).matcher(out.stdout()).find()) {
                return "standard output does not match '" + p + "'" + tail(out);
            }
        }
        for (String p : t.excludedOutput()) {
            if (GoRegex.compile(p).matcher(out.stdout()).find()) {
                return "standard output matches excluded '" + p + "'" + tail(out);
            }
        }
        for (String p : t.expectedError()) {
            if (!GoRegex.compile(p).matcher(out.stderr()).find()) {
                return "standard error does not match '" + p + "'" + tail(out);
            }
        }
        for (String p : t.excludedError()) {
            if (GoRegex.compile(p).matcher(out.stderr()).find()) {
                return "standard error matches excluded '" + p + "'" + tail(out);
            }
        }
        return null;
    }

    private static String tail(CommandOutput out) {
        String text = (out.stdout() + out.stderr()).strip();
        return text.isEmpty() ? "" : "; output: " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
}
