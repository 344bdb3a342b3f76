package io.jenkins.plugins.imagelifecycle.watch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Receives the distribution registry's notification webhooks on a loopback address and, when a tracked
 * upstream reference was pushed, checks it at once and hands over the plan. Requests must carry the
 * shared secret header; refusals are logged with the sender and the reason, never the payload.
 */
public final class NotificationListener implements AutoCloseable {
    /** The header the registry sends (registry config {@code notifications.endpoints[].headers}). */
    public static final String SECRET_HEADER = "X-Image-Lifecycle-Secret";
    public static final String PATH = "/events";
    private static final int MAX_BODY = 1 << 20;

    private final UpstreamWatch watch;
    private final byte[] secret;
    private final Consumer<RebuildPlan> onPlan;
    private final PrintStream log;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "upstream-watch-webhook");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;

    public NotificationListener(UpstreamWatch watch, String secret, Consumer<RebuildPlan> onPlan, PrintStream log) {
        if (secret == null || secret.length() < 16) {
            throw new BadInputException("Webhook secret is " + (secret == null ? "missing" : secret.length() + " characters long")
                    + "; expected at least 16 characters");
        }
        this.watch = watch;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.onPlan = onPlan;
        this.log = log;
    }

    /** Listens on {@code address}, which must be a loopback address. */
    public NotificationListener start(InetSocketAddress address) throws IOException {
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new BadInputException("Listen address '" + address + "' is not a loopback address; expected 127.0.0.1:PORT");
        }
        server = HttpServer.create(address, 16);
        server.createContext(PATH, this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "upstream-watch-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        log.println("Listening for registry notifications on http://" + address.getAddress().getHostAddress() + ":" + port() + PATH);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String from = String.valueOf(exchange.getRemoteAddress());
            if (!"POST".equals(exchange.getRequestMethod())) {
                refuse(exchange, 405, from, "method " + exchange.getRequestMethod() + " is not POST");
                return;
            }
            String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                refuse(exchange, 401, from, given == null ? "no " + SECRET_HEADER + " header" : "wrong " + SECRET_HEADER);
                return;
            }
            if (!RegistryNotifications.acceptsMediaType(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                refuse(exchange, 400, from, "content type is not " + RegistryNotifications.MEDIA_TYPE_V1);
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody());
            if (body == null) {
                refuse(exchange, 400, from, "body is over " + MAX_BODY + " bytes");
                return;
            }
            Set<String> pushed;
            try {
                pushed = RegistryNotifications.pushedTags(new String(body, StandardCharsets.UTF_8));
            } catch (BadInputException e) {
                refuse(exchange, 400, from, e.getMessage() + " (" + body.length + " bytes)");
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            Set<String> tracked = new HashSet<>(watch.tracked());
            tracked.retainAll(pushed);
            if (!tracked.isEmpty()) {
                log.println("Registry reports a push of tracked upstream " + String.join(", ", tracked) + "; checking now");
                checks.submit(() -> react(tracked));
            }
        }
    }

    private void react(Set<String> refs) {
        try {
            onPlan.accept(watch.check(refs));
        } catch (RuntimeException e) {
            log.println("Check after notification failed: " + e.getMessage());
        }
    }

    private void refuse(HttpExchange exchange, int status, String from, String why) throws IOException {
        log.println("Refused notification from " + from + " (HTTP " + status + "): " + why);
        exchange.sendResponseHeaders(status, -1);
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
        checks.shutdownNow();
    }
}
