package io.jenkins.plugins.imagelifecycle.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback HTTP front for a real registry that demands a Bearer token, as a registry with a token service
 * does: without {@code Authorization: Bearer <token>} it answers 401 with a {@code WWW-Authenticate: Bearer
 * realm=…} naming whatever realm the test sets; with the token it forwards the request to the registry
 * behind it. It also serves a token service of its own at {@code /token} (the realm on the registry's own host
 * and port). Every request it receives is counted.
 */
public final class TokenGuardedFront implements AutoCloseable {
    public static final String TOKEN = "front-token-4711";

    private final HttpServer server;
    private final String behind;
    private final AtomicReference<String> realm = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();

    private TokenGuardedFront(String behind) throws IOException {
        this.behind = behind;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            requests.incrementAndGet();
            TokenService.answer(exchange, TOKEN);
        });
        server.createContext("/", this::handle);
        server.start();
    }

    /** A front for the registry at {@code behind} (host:port); its realm is its own /token until {@link #realm} says otherwise. */
    public static TokenGuardedFront of(String behind) {
        try {
            TokenGuardedFront front = new TokenGuardedFront(behind);
            front.realm("http://" + front.host() + "/token");
            return front;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The realm the 401 names from now on. */
    public TokenGuardedFront realm(String url) {
        realm.set(url);
        return this;
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + TOKEN).equals(authorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate",
                        "Bearer realm=\"" + realm.get() + "\",service=\"front\",scope=\"registry:catalog:*\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            var forwarded = HttpRequest.newBuilder(URI.create("http://" + behind + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody));
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null) {
                forwarded.header("Accept", accept);
            }
            HttpResponse<byte[]> answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String header : List.of("Docker-Content-Digest", "Content-Type")) {
                answer.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().add(header, v));
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(answer.statusCode(), head || answer.body().length == 0 ? -1 : answer.body().length);
            if (!head && answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * A token service on a loopback port of its own that counts what it is asked and remembers the
     * Authorization headers it was sent; its answers carry a marker that must never reach a message.
     */
    public static final class TokenService implements AutoCloseable {
        public static final String BODY_MARKER = "internal-metadata-do-not-leak";

        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();
        private final List<String> authorizations = new CopyOnWriteArrayList<>();

        private TokenService() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(authorization == null ? "" : authorization);
                answer(exchange, TOKEN);
            });
            server.start();
        }

        public static TokenService start() {
            try {
                return new TokenService();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public String host() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        public String url() {
            return "http://" + host() + "/token";
        }

        public int requests() {
            return requests.get();
        }

        public List<String> authorizations() {
            return List.copyOf(authorizations);
        }

        static void answer(HttpExchange exchange, String token) throws IOException {
            try (exchange) {
                byte[] body = ("{\"token\":\"" + token + "\",\"note\":\"" + BODY_MARKER + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
