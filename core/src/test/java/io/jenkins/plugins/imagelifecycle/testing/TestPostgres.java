package io.jenkins.plugins.imagelifecycle.testing;

import io.jenkins.plugins.imagelifecycle.catalog.CatalogDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (Debian's postgresql package) in a temporary directory on a free loopback
 * port, started with initdb and pg_ctl; as root, it runs as the postgres user, which PostgreSQL demands.
 * <p>
 * It takes passwords as a production server does: {@code scram-sha-256} for every connection, user {@value #USER} with a
 * random password of its own. The password goes to initdb in a file ({@code --pwfile}, deleted once read), never as an
 * argument, and reaches clients the ways the product takes it: as credentials ({@link #database()}, what the plugin
 * does with its catalog credentials) or from libpq's password file ({@link #clientEnvironment()}, what the CLI's
 * PostgreSQL driver reads).
 */
public final class TestPostgres implements AutoCloseable {
    public static final String USER = "catalog";

    private final Path dir;
    private final int port;
    private final Path bin;
    private final String password;

    private TestPostgres(Path dir, int port, Path bin, String password) {
        this.dir = dir;
        this.port = port;
        this.bin = bin;
        this.password = password;
    }

    public static TestPostgres start() {
        Path bin = findBin();
        try {
            Path dir = Files.createTempDirectory("test-postgres-");
            TestPostgres pg = new TestPostgres(dir, TestRegistry.freePort(), bin, randomPassword());
            Path initdbPassword = pg.secretFile("initdb-password", pg.password + "\n");
            try {
                pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "--auth=scram-sha-256",
                        "--pwfile=" + initdbPassword, "-U", USER, "--no-sync"));
            } finally {
                Files.deleteIfExists(initdbPassword);
            }
            pg.secretFile("pgpass", "127.0.0.1:" + pg.port + ":*:" + USER + ":" + pg.password + "\n");
            pg.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** 24 characters of base64url: none of libpq's password-file separators ({@code :} and {@code \}) to escape. */
    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A file only its owner may read, made so before the secret is written into it. */
    private Path secretFile(String name, String content) throws IOException {
        Path file = Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
        return file;
    }

    /** The catalog URL as a user gives it: the user, never the password. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The catalog with its credentials, as the plugin opens it with the configured catalog credentials. */
    public CatalogDatabase database() {
        return CatalogDatabase.open(jdbcUrl(), USER, password);
    }

    /**
     * What a process opening {@link #jdbcUrl()} by itself (the CLI, a second JVM) needs in its environment: libpq's
     * password file for this server, which the PostgreSQL driver reads when no password is given.
     */
    public Map<String, String> clientEnvironment() {
        return Map.of("PGPASSFILE", dir.resolve("pgpass").toString());
    }

    /** The server's own log: what it says of every connection refused. */
    public Path serverLog() {
        return dir.resolve("server.log");
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

    /**
     * Restarts the server as an operator would ({@code pg_ctl restart -m fast}): every session is terminated, a
     * transaction under way is rolled back, and the server is back on the same port when this returns.
     */
    public void restart() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60",
                    "-l", dir.resolve("server.log").toString(), "restart"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Stops the server, as {@link #close()} does, to be started again by {@link #startAgain()}. */
    public void stop() {
        close();
    }

    /** Starts a stopped server again on the same port. */
    public void startAgain() {
        try {
            startServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL again: " + e.getMessage(), e);
        }
    }

    private void startServer() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "30",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c password_encryption=scram-sha-256", "start"));
    }

    /** Empties the database's schema: each test starts from none, as each embedded test has its own folder. */
    public void dropEverything() throws java.sql.SQLException {
        try (java.sql.Connection c = connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    /** A connection of the test's own, as the catalog's user: to hold locks, or to look at the server's sessions. */
    public java.sql.Connection connect() throws java.sql.SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", USER);
        login.setProperty("password", password);
        return java.sql.DriverManager.getConnection(jdbcUrl(), login);
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
