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

    /** The result's name as CST writes it. */
    static String name(TestSpec.CommandTest t) {
        return "Command Test: " + t.name();
    }

    static TestResult run(DockerContainers containers, String image, TestSpec.CommandTest t, SpecContext spec, Duration timeout) {
        long start = System.nanoTime();
        for (TestSpec.KeyValue kv : t.envVars()) {
            if (kv.key() == null || kv.key().isEmpty() || kv.value() == null || kv.value().isEmpty()) {
                // CST's validation of the test: its result carries the bare name
                return TestResult.fail(t.name(), KIND, 0, "envVars entry '" + kv.key() + "' has an empty "
                        + (kv.key() == null || kv.key().isEmpty() ? "key" : "value") + "; expected a non-empty key and value");
            }
        }
        if (spec.problem() != null) {
            return TestResult.fail(name(t), KIND, 0, spec.problem());
        }
        List<String> command = new ArrayList<>();
        command.add(t.command());
        command.addAll(t.args());
        command.replaceAll(word -> GoExpand.expand(word, spec.expansionEnv()));
        List<String> env = new ArrayList<>(spec.globalEnv());
        t.envVars().forEach(kv -> env.add(kv.key() + "=" + kv.value()));
        env.addAll(spec.runOptionsEnv());
        String runIn = image;
        try {
            if (!t.setup().isEmpty()) {
                List<String> setupEnv = new ArrayList<>(spec.globalEnv());
                t.envVars().forEach(kv -> setupEnv.add(kv.key() + "=" + GoExpand.expand(kv.value(), spec.expansionEnv())));
                runIn = containers.commitAfter(image, t.setup(), setupEnv, spec.settings(), timeout);
            }
            CommandOutput out = containers.run(runIn, command, env, spec.settings(), timeout);
            String problem = problem(t, out, timeout);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return problem == null ? TestResult.pass(name(t), KIND, ms) : TestResult.fail(name(t), KIND, ms, problem);
        } catch (RuntimeException e) {
            return TestResult.fail(name(t), KIND, (System.nanoTime() - start) / 1_000_000,
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
