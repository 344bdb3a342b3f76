package io.jenkins.plugins.imagelifecycle.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.imagelifecycle.support.Json;
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

/** Serves the lifecycle view on loopback: the page, its two assets and the live data, under a strict CSP. */
final class ViewServer implements AutoCloseable {
    private final HttpServer server;

    ViewServer(int port, ViewPage.Data data) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!"GET".equals(exchange.getRequestMethod())) {
                    send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/") || path.equals("/index.html")) {
                    send(exchange, 200, ViewPage.contentType("index.html"), ViewPage.served("data.json").getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/data.json")) {
                    stream(exchange, data);
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
