package io.jenkins.plugins.imagelifecycle.testing;

import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.registry.RegistryEndpoint;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A real registry (Debian's docker-registry, distribution 2.8) on a free loopback port with its own
 * storage, optionally behind htpasswd authentication and with notification endpoints. Stopped at
 * {@link #close()} or when the JVM exits.
 */
public final class TestRegistry implements AutoCloseable {
    public static final String BINARY = "docker-registry";

    private final int port;
    private final Path dir;
    private final RegistryCredentials credentials;
    private final List<String> extraConfig;
    private final boolean tls;
    private final boolean deleteEnabled;
    private Process process;

    private TestRegistry(int port, Path dir, RegistryCredentials credentials, List<String> extraConfig, boolean tls,
                         boolean deleteEnabled) {
        this.port = port;
        this.dir = dir;
        this.credentials = credentials;
        this.extraConfig = extraConfig;
        this.tls = tls;
        this.deleteEnabled = deleteEnabled;
    }

    /** An anonymous registry. */
    public static TestRegistry start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a registry to start. */
    public static final class Builder {
        private boolean auth;
        private boolean tls;
        private boolean deleteEnabled = true;
        private final List<String> extraConfig = new ArrayList<>();

        /** Serve HTTPS with a certificate for 127.0.0.1 signed by its own CA ({@link #caFile()}). */
        public Builder withTls() {
            this.tls = true;
            return this;
        }

        /** Refuse manifest deletion (distribution answers 405 UNSUPPORTED), as many production registries do. */
        public Builder withDeleteDisabled() {
            this.deleteEnabled = false;
            return this;
        }

        /** Protect it with htpasswd; {@link #credentials()} then holds the one valid user. */
        public Builder withHtpasswd() {
            this.auth = true;
            return this;
        }

        /** Extra top-level YAML (e.g. a {@code notifications:} block), one line each. */
        public Builder withConfig(String... lines) {
            extraConfig.addAll(List.of(lines));
            return this;
        }

        public TestRegistry start() {
            try {
                Path dir = Files.createTempDirectory("test-registry-");
                RegistryCredentials creds = auth ? new RegistryCredentials("tester", "pw-" + UUID.randomUUID()) : null;
                TestRegistry registry = new TestRegistry(freePort(), dir, creds, List.copyOf(extraConfig), tls, deleteEnabled);
                registry.launch();
                Runtime.getRuntime().addShutdownHook(new Thread(registry::close));
                return registry;
            } catch (IOException e) {
                throw new IllegalStateException("cannot prepare a test registry: " + e.getMessage(), e);
            }
        }
    }

    private void launch() throws IOException {
        requireCommand(BINARY, "docker-registry (Debian package docker-registry)");
        StringBuilder yaml = new StringBuilder();
        yaml.append("version: 0.1\nlog:\n  level: warn\n");
        yaml.append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n');
        yaml.append("  delete:\n    enabled: ").append(deleteEnabled).append('\n');
        yaml.append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
        if (tls) {
            makeCertificate();
            yaml.append("  tls:\n    certificate: ").append(dir.resolve("cert.pem")).append("\n    key: ")
                    .append(dir.resolve("key.pem")).append('\n');
        }
        if (credentials != null) {
            requireCommand("htpasswd", "htpasswd (Debian package apache2-utils)");
            Path htpasswd = dir.resolve("htpasswd");
            Process p = new ProcessBuilder("htpasswd", "-Bbn", credentials.username(), credentials.password())
                    .redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            waitFor(p);
            Files.writeString(htpasswd, line + "\n");
            yaml.append("auth:\n  htpasswd:\n    realm: test-realm\n    path: ").append(htpasswd).append('\n');
        }
        for (String line : extraConfig) {
            yaml.append(line).append('\n');
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml.toString());
        process = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        awaitUp();
    }

    /** A self-signed certificate for 127.0.0.1 (it is its own CA), made with openssl. */
    private void makeCertificate() throws IOException {
        requireCommand("openssl", "openssl (Debian package openssl)");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        waitFor(p);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
        }
    }

    /** The CA (here: the certificate itself) that a client must trust to talk to a TLS registry. */
    public Path caFile() {
        return dir.resolve("cert.pem");
    }

    private void awaitUp() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited at start: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL().openConnection();
                c.setConnectTimeout(500);
                int code = c.getResponseCode();
                if (code == 200 || code == 401 || (tls && code == 400)) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(100);
        }
        throw new IllegalStateException("docker-registry did not answer on " + host() + " within 20 s");
    }

    /** {@code 127.0.0.1:PORT} */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The valid user of an htpasswd registry; empty for an anonymous one. */
    public Optional<RegistryCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** A client that knows this registry's credentials. */
    public RegistryClient client() {
        return new RegistryClient(RegistryEndpoint::defaultFor,
                host -> host.equals(host()) ? credentials() : Optional.empty());
    }

    public Path storage() {
        return dir.resolve("data");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the registry (a "registry down" test), keeping its storage. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor(process);
        }
    }

    /** Kills the registry's process at once ({@code kill -9}): a registry that dies, keeping its storage. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** Starts it again on the same port with the same storage. */
    public void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    static void requireCommand(String command, String what) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        throw new IllegalStateException(what + " is not installed; run ./scripts/test, which installs it, "
                + "or apt-get install it");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitFor(Process p) {
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
