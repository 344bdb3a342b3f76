package io.jenkins.plugins.imagelifecycle.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback front for a real registry that rate-limits as a busy registry does: every {@code every}-th request is
 * answered 429 with {@code Retry-After}, the rest are forwarded. It notes when each request arrived, when each 429
 * went out, and the most requests it held at once.
 */
public final class ThrottlingFront implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final String behind;
    private final int every;
    private final int retryAfterSeconds;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<Long> refusals = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    /** Alters every manifest it passes on (a byte appended), keeping the registry's Docker-Content-Digest. */
    private volatile boolean alteringManifests;
    /** Flips one byte of every blob it passes on: a layer changed in the registry's storage. */
    private volatile boolean alteringBlobs;
    /** Manifest PUTs still to refuse as distribution 2.8 does while a blob's link is being rewritten. */
    private final AtomicInteger blobUnknownPuts = new AtomicInteger();
    private static final java.util.Set<String> RESTRICTED = java.util.Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding");

    private ThrottlingFront(String behind, int every, int retryAfterSeconds) throws IOException {
        this.behind = behind;
        this.every = every;
        this.retryAfterSeconds = retryAfterSeconds;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param every answer 429 to every this many requests (0: never) */
    public static ThrottlingFront of(String behind, int every, int retryAfterSeconds) {
        try {
            return new ThrottlingFront(behind, every, retryAfterSeconds);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * From now on, every manifest fetched through the front arrives with one byte more (a space after the JSON, which
     * still parses) under the registry's own {@code Docker-Content-Digest}: a registry whose stored manifest was
     * changed, or one that announces a digest its bytes do not have.
     */
    public ThrottlingFront alterManifests() {
        alteringManifests = true;
        return this;
    }

    /** From now on, every blob fetched through the front arrives with its first byte changed, under its own digest. */
    public ThrottlingFront alterBlobs() {
        alteringBlobs = true;
        return this;
    }

    /**
     * The next {@code puts} manifest PUTs are answered as distribution 2.8's filesystem storage answers one that arrives
     * while another client's mount of the same blob truncates and rewrites its link: 400 MANIFEST_BLOB_UNKNOWN, the
     * manifest not stored. The rest pass.
     */
    public ThrottlingFront refuseManifestPutsAsBlobUnknown(int puts) {
        blobUnknownPuts.set(puts);
        return this;
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    public int peakInFlight() {
        return peak.get();
    }

    /** System.nanoTime() of each request's arrival. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Each request as {@code METHOD /path?query}, in arrival order. */
    public List<String> requestLog() {
        return List.copyOf(log);
    }

    /** System.nanoTime() of each 429 sent. */
    public List<Long> refusals() {
        return List.copyOf(refusals);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        arrivals.add(System.nanoTime());
        log.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        // a request stops counting as in flight when its answer starts: the client may send its next one as soon as the
        // answer is in, before this handler's thread has closed the exchange (counting until then saw one too many)
        java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable answering = () -> {
            if (answered.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        try (exchange) {
            if (every > 0 && n % every == 0) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                refusals.add(System.nanoTime());
                answering.run();
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            if (exchange.getRequestMethod().equals("PUT") && exchange.getRequestURI().getPath().contains("/manifests/")
                    && blobUnknownPuts.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                exchange.getRequestBody().readAllBytes();
                byte[] refusal = ("{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\","
                        + "\"detail\":\"sha256:0\"}]}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
                answering.run();
                exchange.sendResponseHeaders(400, refusal.length);
                exchange.getResponseBody().write(refusal);
                return;
            }
            var forwarded = HttpRequest.newBuilder(URI.create("http://" + behind + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> forwarded.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = answer.body();
            if (alteringManifests && exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().contains("/manifests/")
                    && answer.statusCode() == 200) {
                body = java.util.Arrays.copyOf(body, body.length + 1);
                body[body.length - 1] = ' ';
            }
            if (alteringBlobs && exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().contains("/blobs/sha256:")
                    && answer.statusCode() == 200 && body.length > 0) {
                body = body.clone();
                body[0] ^= 0x01;
            }
            answer.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.equals(":status")) {
                    // an upload's Location names the registry behind: the client must come back through the front
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v.replace(behind, host())));
                }
            });
            boolean head = exchange.getRequestMethod().equals("HEAD");
            answering.run();
            exchange.sendResponseHeaders(answer.statusCode(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            answering.run();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
