package io.jenkins.plugins.imagelifecycle.testing;

import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Docker engine of one test's own ({@code dockerd} with its own data, socket, containerd and bridge): one the test
 * may kill with {@code kill -9} in the middle of a build without touching the machine's engine or another build on it.
 * Its storage is {@code vfs}, as the machine's is.
 *
 * <p>Its bridge is made here, not left to the engine: a second engine on the default bridge would share the machine
 * engine's {@code docker0}, and one started with {@code --bridge=none} deletes {@code docker0} at start (moby's
 * daemon removes the default bridge's interface when the bridge is disabled), cutting every container of the
 * machine's engine off its network.
 */
public final class PrivateEngine implements AutoCloseable {
    private final Path dir;
    private final String bridge;
    private Process dockerd;

    private PrivateEngine(Path dir, String bridge) {
        this.dir = dir;
        this.bridge = bridge;
    }

    /** Starts one (a few seconds); needs root, as the machine's engine does. */
    public static PrivateEngine start() {
        PrivateEngine engine;
        try {
            // a short folder: the engine's socket path must stay under the 108 bytes a unix socket name may have;
            // an interface name has at most 15 characters
            String bridge = "ilc" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            engine = new PrivateEngine(Files.createTempDirectory(Path.of("/tmp"), "eng-"), bridge);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a private Docker engine: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        try {
            engine.makeBridge();
            engine.launch();
            return engine;
        } catch (IOException | RuntimeException e) {
            // nothing of a half-started engine is left: its dockerd, its bridge, its folder
            engine.close();
            throw new IllegalStateException("cannot start a private Docker engine: " + e.getMessage(), e);
        }
    }

    public String host() {
        return "unix://" + dir.resolve("sock");
    }

    /** A client of this engine. */
    public DockerEngine engine() {
        return DockerEngine.connect(host());
    }

    private void launch() {
        try {
            launchDockerd();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the private dockerd: " + e.getMessage(), e);
        }
    }

    private void launchDockerd() throws IOException {
        TestRegistry.requireCommand("dockerd", "dockerd (Debian package docker.io)");
        // its own (empty) configuration, not the machine's /etc/docker/daemon.json; no machine-wide ip_forward sysctl
        Path config = Files.writeString(dir.resolve("daemon.json"), "{}");
        Path log = dir.resolve("dockerd.log");
        dockerd = new ProcessBuilder("dockerd", "--config-file", config.toString(), "--data-root", dir.resolve("root").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("pid").toString(), "-H", host(),
                "--bridge=" + bridge, "--iptables=false", "--ip6tables=false", "--ip-forward=false", "--storage-driver=vfs")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        // dockerd says when its API listens; the log is read from where this start's own lines begin
        long from = Files.size(log);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!dockerd.isAlive()) {
                throw new IllegalStateException("dockerd exited at start: " + Files.readString(log));
            }
            if (Files.readString(log).substring((int) from).contains("API listen on " + dir.resolve("sock"))) {
                try (DockerEngine answering = DockerEngine.connect(host())) {
                    answering.version();
                }
                return;
            }
            pause();
        }
        throw new IllegalStateException("the private dockerd did not say it listens within 60 s: " + Files.readString(log));
    }

    /** Between two looks at the engine's log: not a wait for something to happen, only not to spin on two cores. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the private dockerd started", e);
        }
    }

    /**
     * Kills the engine at once ({@code kill -9}): dockerd, its containerd, and the containers' shims (which leave
     * dockerd's tree: they are found by this engine's folder on their command line) with the containers' processes.
     */
    public void kill() {
        List<ProcessHandle> all = new ArrayList<>();
        if (dockerd != null) {
            all.add(dockerd.toHandle());
            all.addAll(dockerd.descendants().toList());
        }
        String folder = dir.toString() + "/";
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().filter(c -> c.contains(folder)).isPresent())
                .forEach(shim -> {
                    all.add(shim);
                    all.addAll(shim.descendants().toList());
                });
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(p -> p.onExit().join());
    }

    /** Starts the engine again on the same socket with the same storage (after {@link #kill()}, or killing it first). */
    public void restart() {
        kill();
        launch();
    }

    /** Stops the engine as its service would (SIGTERM: it stops its containers and unmounts), then removes its folder. */
    @Override
    public void close() {
        if (dockerd != null && dockerd.isAlive()) {
            dockerd.destroy();
            try {
                dockerd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // whatever is left of it (a killed engine's shims and containers) goes before its folder
        kill();
        unmountWhatIsLeft();
        try {
            ip("link", "delete", bridge);
        } catch (IllegalStateException gone) {
            // never made, or already deleted
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; what is left is the machine's to clean
        }
    }

    /** A killed engine leaves its containers' mounts (their /dev/shm) under its folder: unmounted before it is removed. */
    private void unmountWhatIsLeft() {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(line -> line.split(" ")[1])
                    .filter(point -> point.startsWith(dir.toString() + "/")).sorted(Comparator.reverseOrder()).toList();
            for (String point : mounts) {
                new ProcessBuilder("umount", "-l", point).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor();
            }
        } catch (IOException e) {
            // nothing more to do here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This engine's bridge, on a /24 of 10.213.0.0/16 that no interface of the machine has yet. */
    private void makeBridge() throws IOException {
        String addresses = new String(new ProcessBuilder("ip", "-4", "-o", "addr").start().getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        int net = new java.util.Random().ints(1, 255).filter(n -> !addresses.contains("10.213." + n + ".")).findFirst().orElseThrow();
        ip("link", "add", bridge, "type", "bridge");
        ip("addr", "add", "10.213." + net + ".1/24", "dev", bridge);
        ip("link", "set", bridge, "up");
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        }
    }
}
