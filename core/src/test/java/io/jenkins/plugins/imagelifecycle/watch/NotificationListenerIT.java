package io.jenkins.plugins.imagelifecycle.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.RootFs;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook delivery from a real docker-registry configured with {@code notifications.endpoints} pointing
 * at our listener, and refusal of unauthenticated or malformed payloads.
 */
@Tag("integration")
class NotificationListenerIT {
    @TempDir
    Path dir;
    private Catalog catalog;
    private NotificationListener listener;
    private final String secret = "s3cret-" + UUID.randomUUID();
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final BlockingQueue<RebuildPlan> plans = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private int port;

    @BeforeEach
    void open() throws Exception {
        catalog = Catalog.open(dir.toString());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
        catalog.close();
    }

    private void listen(TestRegistry registry) throws Exception {
        UpstreamWatch watch = new UpstreamWatch(catalog, registry.client(), 4, Duration.ZERO, Clock.systemUTC());
        listener = new NotificationListener(watch, secret, plans::add, log).start(new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void aPushOfATrackedUpstreamReportedByTheRegistryProducesAPlanAtOnce() throws Exception {
        try (TestRegistry registry = TestRegistry.builder().withConfig(
                "notifications:",
                "  endpoints:",
                "    - name: image-lifecycle",
                "      url: http://127.0.0.1:" + port + NotificationListener.PATH,
                "      headers:",
                "        " + NotificationListener.SECRET_HEADER + ": [" + secret + "]",
                "      timeout: 2s",
                "      threshold: 3",
                "      backoff: 1s").start()) {
            ImageRef upstream = RealDocker.importAndPush(RootFs.busybox("hook-1"),
                    ImageRef.parse(registry.host() + "/upstream/hook-" + unique + ":1"), null);
            ImageRecord blessed = new SyntheticImages(catalog, registry.host()).blessed("blessed/hook-" + unique + ":1",
                    upstream.withoutDigest().toString(), upstream.digest().orElseThrow().toString(), Instant.now().minusSeconds(60));
            listen(registry);

            ImageRef patched = RealDocker.importAndPush(RootFs.busybox("hook-2"),
                    ImageRef.parse(registry.host() + "/upstream/hook-" + unique + ":1"), null);

            // the registry also retries the first push's notification, sent before we listened: skip
            // plans that still saw the old digest, bounded by time
            RebuildPlan plan = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                RebuildPlan next = plans.poll(1, TimeUnit.SECONDS);
                if (next != null && next.rebuildsDue()) {
                    plan = next;
                    break;
                }
            }
            assertThat(plan).as("a plan computed after the registry's notification").isNotNull();
            assertThat(plan.upstreams()).singleElement().satisfies(u -> {
                assertThat(u.state()).isEqualTo(UpstreamStatus.State.PATCHED);
                assertThat(u.current()).isEqualTo(patched.digest().orElseThrow().toString());
            });
            assertThat(plan.steps()).extracting(PlanStep::digest).containsExactly(blessed.digest());
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("Registry reports a push of tracked upstream")
                    .doesNotContain(secret);
        }
    }

    @Test
    void unauthenticatedOrMalformedPayloadsAreRefusedAndLoggedWithoutTheirContent() throws Exception {
        listen(RealDocker.registry());
        String marker = "payload-marker-" + unique;
        String envelope = "{\"events\":[{\"action\":\"push\",\"target\":{\"repository\":\"" + marker + "\",\"tag\":\"1\"},"
                + "\"request\":{\"host\":\"127.0.0.1:1\"}}]}";

        assertThat(post(envelope, null, RegistryNotifications.MEDIA_TYPE_V1)).isEqualTo(401);
        assertThat(post(envelope, "wrong-secret-" + unique, RegistryNotifications.MEDIA_TYPE_V1)).isEqualTo(401);
        assertThat(post("{not json " + marker, secret, RegistryNotifications.MEDIA_TYPE_V1)).isEqualTo(400);
        assertThat(post("{\"nothing\":\"" + marker + "\"}", secret, RegistryNotifications.MEDIA_TYPE_V1)).isEqualTo(400);
        assertThat(post(envelope, secret, "text/plain")).isEqualTo(400);
        assertThat(post(envelope, secret, RegistryNotifications.MEDIA_TYPE_V1)).as("well-formed, untracked").isEqualTo(200);

        String logged = logBytes.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("Refused notification").contains("HTTP 401").contains("HTTP 400")
                .doesNotContain(marker).doesNotContain("wrong-secret").doesNotContain(secret);
        assertThat(plans).isEmpty();
    }

    @Test
    void refusesANonLoopbackAddressAndAShortSecret() {
        UpstreamWatch watch = new UpstreamWatch(catalog, RealDocker.registry().client(), 1, Duration.ZERO, Clock.systemUTC());
        assertThatThrownBy(() -> new NotificationListener(watch, "short", p -> { }, log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new NotificationListener(watch, secret, p -> { }, log)
                .start(new InetSocketAddress("0.0.0.0", port)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not a loopback address");
    }

    private int post(String body, String secretValue, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + NotificationListener.PATH))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (secretValue != null) {
            request.header(NotificationListener.SECRET_HEADER, secretValue);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
