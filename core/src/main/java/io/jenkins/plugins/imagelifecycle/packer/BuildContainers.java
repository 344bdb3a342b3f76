package io.jenkins.plugins.imagelifecycle.packer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The containers one Packer build starts with its docker builder, labelled so that they can be found
 * and removed whatever Packer's own clean-up manages: a cancelled or timed-out build's Packer is killed,
 * and the container it ran (with the provisioner's commands inside) would otherwise keep running.
 *
 * <p>Packer's docker builder runs the {@code docker} command it finds on the PATH; for the build, the
 * PATH starts with a folder of this build's whose {@code docker} adds the build's label to
 * {@code docker run} and passes everything else through to the real one.
 */
final class BuildContainers implements AutoCloseable {
    static final String LABEL = "io.jenkins.image-lifecycle.packer-build";
    /** The template's path, beside the build's own id: what a person (or a test) can find the containers by. */
    static final String TEMPLATE_LABEL = "io.jenkins.image-lifecycle.packer-template";

    private final String id = UUID.randomUUID().toString();
    private final Path realDocker;
    private final Path shimDir;
    private final Map<String, String> env;

    private BuildContainers(Path realDocker, Path shimDir, Map<String, String> env) {
        this.realDocker = realDocker;
        this.shimDir = shimDir;
        this.env = env;
    }

    /** For a build with the environment {@code env}; without a docker command on its PATH, nothing is labelled. */
    static BuildContainers forBuild(Map<String, String> env, Path template) {
        Path real = null;
        for (String dir : env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(":")) {
            Path p = dir.isEmpty() ? null : Path.of(dir, "docker");
            if (p != null && Files.isExecutable(p)) {
                real = p;
                break;
            }
        }
        if (real == null) {
            return new BuildContainers(null, null, env);
        }
        try {
            Path dir = Files.createTempDirectory("packer-docker-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            BuildContainers containers = new BuildContainers(real, dir, env);
            Path shim = dir.resolve("docker");
            Files.writeString(shim, "#!/bin/sh\n"
                    + "# labels the containers of one image-lifecycle Packer build (see BuildContainers)\n"
                    + "if [ \"$1\" = run ]; then shift; exec '" + real + "' run --label '" + LABEL + "=" + containers.id
                    + "' --label '" + TEMPLATE_LABEL + "=" + template.toAbsolutePath().toString().replace("'", "") + "' \"$@\"; fi\n"
                    + "exec '" + real + "' \"$@\"\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwx------"));
            return containers;
        } catch (IOException e) {
            return new BuildContainers(null, null, env);
        }
    }

    String id() {
        return id;
    }

    /** The environment Packer runs with: the shim's folder first on the PATH. */
    Map<String, String> environment() {
        Map<String, String> out = new HashMap<>(env);
        if (shimDir != null) {
            out.put("PATH", shimDir + ":" + env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        }
        return out;
    }

    /** Stops and removes every container of this build that is still there, and waits until they are gone. */
    void removeLeftovers(PrintStream log) {
        if (realDocker == null) {
            return;
        }
        List<String> ids = List.of(docker(List.of("ps", "-aq", "--filter", "label=" + LABEL + "=" + id)).split("\\s+"));
        List<String> left = ids.stream().filter(s -> !s.isBlank()).toList();
        if (!left.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(left);
            docker(rm);
            log.println("Removed " + left.size() + " build container(s) Packer left behind: " + String.join(", ", left));
        }
    }

    private String docker(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(realDocker.toString()));
        cmd.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        if (shimDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(shimDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder of three entries; the system's clean-up takes what is left
        }
    }
}
