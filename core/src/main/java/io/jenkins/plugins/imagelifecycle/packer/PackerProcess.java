package io.jenkins.plugins.imagelifecycle.packer;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.support.SecretMasker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Packer command (an argument list, never a shell string) with {@code CHECKPOINT_DISABLE=1},
 * turns its machine-readable output into readable log lines with secrets masked, collects artifacts,
 * and stops Packer and every child process on timeout or interruption.
 */
final class PackerProcess {
    record Outcome(int exitCode, List<PackerArtifact> artifacts, String errors, String version) {
    }

    private PackerProcess() {
    }

    static Outcome run(List<String> command, Path workdir, Map<String, String> env, Duration timeout,
                       Collection<String> secrets, PrintStream log) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new OperationFailedException("Cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        ArtifactCollector artifacts = new ArtifactCollector();
        StringBuilder errors = new StringBuilder();
        StringBuilder version = new StringBuilder();
        Thread reader = new Thread(() -> read(process, artifacts, errors, version, secrets, log), "packer-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new OperationFailedException("Packer did not finish within " + timeout.toMinutes()
                        + " minute(s); it was stopped with its child processes");
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Packer build was cancelled; Packer and its child processes were stopped", e);
        }
        return new Outcome(process.exitValue(), artifacts.artifacts(), SecretMasker.mask(errors.toString().strip(), secrets),
                version.toString());
    }

    private static void read(Process process, ArtifactCollector artifacts, StringBuilder errors, StringBuilder version,
                             Collection<String> secrets, PrintStream log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                MachineReadableLine m = MachineReadableLine.parse(line);
                switch (m.type()) {
                    case "ui" -> {
                        String text = SecretMasker.mask(m.data(1), secrets).stripTrailing();
                        if (!text.isBlank()) {
                            log.println(text);
                        }
                        if ("error".equals(m.data(0))) {
                            errors.append(text).append('\n');
                        }
                    }
                    case "artifact" -> artifacts.add(m);
                    case "version" -> {
                        // the build reports its own version: no separate "packer version" run is needed
                        if (version.length() == 0) {
                            version.append(m.data(0).replaceFirst("^v", ""));
                        }
                    }
                    case "raw" -> log.println(SecretMasker.mask(m.data(0), secrets));
                    default -> {
                        // version, artifact-count, error-count: nothing for people to read
                    }
                }
            }
        } catch (IOException e) {
            // the process ended; what was read is what there is
        }
    }

    /**
     * Stops the process tree: SIGTERM to every process (Packer re-executes itself under a panic
     * wrapper, and its plugins and provisioner commands are children too), time for Packer's own
     * clean-up (it removes its build container), then SIGKILL to whatever is left.
     */
    static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        java.util.Collections.reverse(tree);
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<ProcessHandle> all = new ArrayList<>(tree);
        all.add(process.toHandle());
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // still running: killed below
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Assembles {@code artifact} lines (builder-id, id, string, file…, end) into artifacts, one per id. */
    private static final class ArtifactCollector {
        private final Map<String, PackerArtifact> byId = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> open = new LinkedHashMap<>();

        synchronized void add(MachineReadableLine m) {
            String key = m.target() + "#" + m.data(0);
            Map<String, Object> a = open.computeIfAbsent(key, k -> new LinkedHashMap<>());
            String subtype = m.data(1);
            switch (subtype) {
                case "builder-id", "id", "string" -> a.put(subtype, m.data(2));
                case "file" -> {
                    @SuppressWarnings("unchecked")
                    List<String> files = (List<String>) a.computeIfAbsent("files", k -> new ArrayList<String>());
                    files.add(m.data(3));
                }
                case "end" -> {
                    open.remove(key);
                    String id = (String) a.getOrDefault("id", "");
                    @SuppressWarnings("unchecked")
                    List<String> files = (List<String>) a.getOrDefault("files", List.of());
                    byId.putIfAbsent(m.target() + " " + id, new PackerArtifact(m.target(), (String) a.get("builder-id"), id,
                            (String) a.get("string"), files));
                }
                default -> {
                    // files-count and others
                }
            }
        }

        synchronized List<PackerArtifact> artifacts() {
            return List.copyOf(byId.values());
        }
    }
}
