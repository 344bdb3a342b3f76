package io.jenkins.plugins.imagelifecycle.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (Debian's postgresql package) in a temporary directory on a free loopback
 * port, started with initdb and pg_ctl; as root, it runs as the postgres user, which PostgreSQL demands.
 */
public final class TestPostgres implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Path bin;

    private TestPostgres(Path dir, int port, Path bin) {
        this.dir = dir;
        this.port = port;
        this.bin = bin;
    }

    public static TestPostgres start() {
        Path bin = findBin();
        try {
            Path dir = Files.createTempDirectory("test-postgres-");
            TestPostgres pg = new TestPostgres(dir, TestRegistry.freePort(), bin);
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                    "-U", "catalog", "--no-sync"));
            pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "30",
                    "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=catalog";
    }

    private void run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            Process chown = new ProcessBuilder("chown", "-R", "postgres:postgres", dir.toString()).inheritIO().start();
            waitFor(chown, 10);
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(dir.resolve("ctl.log").toFile()).start();
        if (!waitFor(p, 60) || p.exitValue() != 0) {
            throw new IllegalStateException("PostgreSQL command failed: " + String.join(" ", command) + "\n"
                    + Files.readString(dir.resolve("ctl.log")));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path findBin() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .sorted().reduce((a, b) -> b)
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL server is not installed (/usr/lib/postgresql/*/bin/pg_ctl); "
                    + "./scripts/test installs it (Debian package postgresql)");
        }
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
        } catch (IOException | RuntimeException e) {
            // already stopped
        }
    }
}
