package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An environment's verification command (a smoke test against the deployed service): run without a shell,
 * the promoted reference in its environment, its output to the log, and past its timeout killed with every
 * process it started, so nothing is left running. Its result is one {@link TestResult} of kind {@code command}.
 */
public final class SmokeCommand {
    /** The last lines of output kept for the result's message. */
    private static final int TAIL_LINES = 20;

    private SmokeCommand() {
    }

    public static TestResult run(List<String> command, Map<String, String> environment, Duration timeout, PrintStream log) {
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new BadInputException("verify command is empty; expected a program and its arguments");
        }
        String name = "command: " + String.join(" ", command);
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BadInputException("verify command '" + command.get(0) + "' cannot be started: " + e.getMessage()
                    + "; expected a program on the PATH or a path to one");
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> copy(process, log, tail), "verify-command-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (!finished) {
                killTree(process);
                reader.join(5_000);
                return TestResult.fail(name, "command", millis, "timed out after " + timeout.toSeconds() + " s; killed with its children");
            }
            reader.join(5_000);
            int exit = process.exitValue();
            synchronized (tail) {
                return exit == 0 ? TestResult.pass(name, "command", millis)
                        : TestResult.fail(name, "command", millis, "exit " + exit + (tail.isEmpty() ? "" : ": " + String.join("\n", tail)));
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return TestResult.fail(name, "command", (System.nanoTime() - started) / 1_000_000, "interrupted; killed with its children");
        }
    }

    /** Children first, read before the parent dies (afterwards they belong to init and cannot be found). */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle h : descendants) {
            h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> h).join();
        }
    }

    private static void copy(Process process, PrintStream log, Deque<String> tail) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                log.println("  | " + line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed: its output ends here
        }
    }
}
