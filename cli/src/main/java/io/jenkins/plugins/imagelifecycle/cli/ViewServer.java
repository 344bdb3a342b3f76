package io.jenkins.plugins.imagelifecycle.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import io.jenkins.plugins.imagelifecycle.view.ImageHistory;
import io.jenkins.plugins.imagelifecycle.view.LifecycleView;
import io.jenkins.plugins.imagelifecycle.view.ViewPage;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Serves the lifecycle view on loopback: the page, its two assets, the live data and one image's history at a time
 * ({@code /history.json?digest=sha256:…}), under a strict CSP.
 */
final class ViewServer implements AutoCloseable {
    static final String DATA = "data.json";
    static final String HISTORY = "history.json";

    /** One image's events by digest, as {@link LifecycleView#history} finds them. */
    @FunctionalInterface
    interface Histories {
        /** @throws BadInputException when the value is not a digest */
        Optional<ImageHistory> of(String digest);
    }

    private final HttpServer server;

    ViewServer(int port, ViewPage.Data data, Histories histories) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!"GET".equals(exchange.getRequestMethod())) {
                    send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/") || path.equals("/index.html")) {
                    send(exchange, 200, ViewPage.contentType("index.html"), ViewPage.served(DATA, HISTORY).getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/" + DATA)) {
                    stream(exchange, data);
                } else if (path.equals("/" + HISTORY)) {
                    history(exchange, histories);
                } else {
                    Optional<byte[]> asset = ViewPage.asset(path.substring(1));
                    if (asset.isPresent()) {
                        send(exchange, 200, ViewPage.contentType(path), asset.get());
                    } else {
                        send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        headers(exchange, type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The data as it is read from the catalog, chunked: a catalog of 100,000 images is never one byte array. */
    private static void stream(HttpExchange exchange, ViewPage.Data data) throws IOException {
        headers(exchange, "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody();
             JsonGenerator json = Json.MAPPER.getFactory().createGenerator(new BufferedOutputStream(out, 1 << 16))) {
            data.write(json);
        }
    }

    /** 400 for a value that is not a digest, 404 for an image the view does not show, else its events. */
    private static void history(HttpExchange exchange, Histories histories) throws IOException {
        String digest = QueryParameter.of(exchange.getRequestURI().getRawQuery(), "digest");
        if (digest == null) {
            text(exchange, 400, "Parameter 'digest' is missing; expected /" + HISTORY + "?digest=sha256:<64 hex characters>");
            return;
        }
        Optional<ImageHistory> found;
        try {
            found = histories.of(digest);
        } catch (BadInputException e) {
            text(exchange, 400, e.getMessage());
            return;
        }
        if (found.isEmpty()) {
            text(exchange, 404, "Image '" + digest + "' is not in the view; expected the digest of an image it shows");
            return;
        }
        stream(exchange, found.get()::write);
    }

    /** A one-line answer: control characters of the value it names are escaped, so that it stays one line. */
    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (Printable.of(message) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void headers(HttpExchange exchange, String type) {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Content-Security-Policy", ViewPage.SERVED_CSP);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
