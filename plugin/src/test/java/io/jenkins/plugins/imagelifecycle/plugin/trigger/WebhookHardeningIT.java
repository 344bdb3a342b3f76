package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.util.Secret;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Http;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import io.jenkins.plugins.imagelifecycle.watch.NotificationSignature;
import io.jenkins.plugins.imagelifecycle.watch.RegistryNotifications;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook beyond its shared secret, against a real registry whose watched tag the tests patch: a replayed
 * delivery and an old one are dropped (answered 200 with the reason, nothing queued), the window is
 * configurable, the optional HMAC refuses unsigned and wrongly signed bodies and accepts a good signature, a
 * reference already waiting for its check is not queued twice, and a flood of bad requests logs one INFO line.
 */
@Tag("integration")
class WebhookHardeningIT {
    private static final String SECRET_HEADER = "X-Image-Lifecycle-Secret";
    private static TestRegistry registry;

    @TempDir
    Path home;

    private StandInJenkins jenkins;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final String secret = "hook-" + unique;
    private ImageRef upstream;
    private TestJob job;
    private UpstreamImageTrigger trigger;
    private UpstreamWebhook webhook;

    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        jenkins = StandInJenkins.start(home);
        upstream = ImageRef.parse(registry.host() + "/upstream/hook-" + unique + ":1");
        String built = TinyImages.push(registry.client(), upstream, "v1" + unique).toString();
        new SyntheticImages(ControllerCatalog.get(), registry.host())
                .blessed("blessed/hook-" + unique + ":1", upstream.toString(), built, Instant.now());
        job = new TestJob("images/hook-" + unique);
        trigger = new UpstreamImageTrigger("H/15 * * * *");
        trigger.setReferences(upstream.toString());
        trigger.start(job, true);
        ImageLifecycleConfiguration.get().setWebhookSecret(Secret.fromString(secret));
        webhook = new UpstreamWebhook();
    }

    @AfterEach
    void tearDown() {
        trigger.stop();
        jenkins.close();
    }

    private String notification(String id, Instant timestamp) {
        return "{\"events\":[{\"id\":\"" + id + "\",\"timestamp\":\"" + timestamp + "\",\"action\":\"push\",\"target\":{\"repository\":"
                + "\"upstream/hook-" + unique + "\",\"tag\":\"1\"},\"request\":{\"host\":\"" + registry.host() + "\"}}]}";
    }

    private Http.Response post(String body, String... headers) throws Exception {
        Http.Request request = Http.request("POST").body(RegistryNotifications.MEDIA_TYPE_V1, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        Http.Response response = new Http.Response();
        webhook.doNotify(request.proxy(), response.proxy());
        return response;
    }

    private void patchUpstream(String mark) {
        TinyImages.push(registry.client(), upstream, mark + unique);
    }

    private void awaitScheduled(int builds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (job.standInScheduled().size() < builds) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + builds + " scheduled build(s); have " + job.standInScheduled().size());
            }
            Thread.sleep(50);
        }
    }

    /** No check queued or running on the timer pool (the stand-in's is a ThreadPoolExecutor). */
    private static void awaitTimerIdle() throws InterruptedException {
        var pool = (java.util.concurrent.ThreadPoolExecutor) Timer.get();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for the timer pool's checks to finish");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aReplayedDeliveryIsDroppedByItsEventIdAndQueuesNothing() throws Exception {
        patchUpstream("v2");
        String delivery = notification(UUID.randomUUID().toString(), Instant.now());
        Http.Response first = post(delivery, SECRET_HEADER, secret);
        assertThat(first.status).isEqualTo(202);
        awaitScheduled(1);

        Http.Response replay = post(delivery, SECRET_HEADER, secret);
        assertThat(replay.status).as("2xx, so that distribution does not retry it for ever").isEqualTo(200);
        JsonNode answer = Json.read(replay.body());
        assertThat(answer.path("refused").get(0).asText()).endsWith("was already received (a replay)");
        assertThat(answer.path("checking").asInt()).isZero();
        assertThat(answer.has("pushed")).as("nothing queued").isFalse();
        assertThat(job.standInScheduled()).hasSize(1);
    }

    @Test
    void anEventStampedOutsideTheWindowIsDroppedAndTheWindowIsConfigurable() throws Exception {
        patchUpstream("v2");
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        Http.Response old = post(notification("old-" + unique, hourAgo), SECRET_HEADER, secret);
        assertThat(old.status).isEqualTo(200);
        assertThat(Json.read(old.body()).path("refused").get(0).asText())
                .startsWith("event old-" + unique + " is stamped " + hourAgo + ", outside the accepted 10m around now");
        assertThat(job.standInScheduled()).isEmpty();

        assertThatThrownBy(() -> ImageLifecycleConfiguration.get().setWebhookEventWindow("soon"))
                .hasMessageStartingWith("Webhook event window 'soon' is not a duration");
        ImageLifecycleConfiguration.get().setWebhookEventWindow("2h");
        assertThat(post(notification("late-" + unique, hourAgo), SECRET_HEADER, secret).status).isEqualTo(202);
        awaitScheduled(1);

        Http.Response noId = post("{\"events\":[{\"timestamp\":\"" + Instant.now() + "\",\"action\":\"push\"}]}", SECRET_HEADER, secret);
        assertThat(noId.status).isEqualTo(400);
        assertThat(noId.error).isEqualTo("notification event 1 has no id; expected distribution's event id");
    }

    @Test
    void withASigningKeyOnlyABodySignedWithItIsAccepted() throws Exception {
        String key = "sign-" + unique;
        ImageLifecycleConfiguration.get().setWebhookSignatureSecret(Secret.fromString(key));
        patchUpstream("v2");
        String body = notification(UUID.randomUUID().toString(), Instant.now());
        String signature = NotificationSignature.sign(key, body.getBytes(StandardCharsets.UTF_8));

        Http.Response unsigned = post(body, SECRET_HEADER, secret);
        assertThat(unsigned.status).isEqualTo(401);
        assertThat(unsigned.error).startsWith("no X-Image-Lifecycle-Signature");
        Http.Response forged = post(body, SECRET_HEADER, secret, NotificationSignature.HEADER,
                NotificationSignature.sign("guess", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(forged.status).isEqualTo(401);
        assertThat(forged.error).isEqualTo("wrong X-Image-Lifecycle-Signature; expected sha256=<hex> of the body's HMAC-SHA256 "
                + "with the configured signing key");
        String altered = notification(UUID.randomUUID().toString(), Instant.now());
        assertThat(post(altered, SECRET_HEADER, secret, NotificationSignature.HEADER, signature).status)
                .as("another body under a captured signature").isEqualTo(401);
        assertThat(post(body, NotificationSignature.HEADER, signature).status).as("the shared secret is still required").isEqualTo(401);
        assertThat(job.standInScheduled()).as("refused notifications trigger nothing").isEmpty();

        Http.Response good = post(body, SECRET_HEADER, secret, NotificationSignature.HEADER, signature);
        assertThat(good.status).isEqualTo(202);
        awaitScheduled(1);

        ImageLifecycleConfiguration.get().setWebhookSecret(null);
        // a change schedules the job once (its claim is taken): the next delivery comes with a new digest
        patchUpstream("v3");
        String signedOnly = notification(UUID.randomUUID().toString(), Instant.now());
        assertThat(post(signedOnly, NotificationSignature.HEADER, NotificationSignature.sign(key, signedOnly.getBytes(StandardCharsets.UTF_8)))
                .status).as("a signing key alone enables the webhook").isEqualTo(202);
        awaitScheduled(2);
    }

    @Test
    void aReferenceWaitingForItsCheckIsNotQueuedAgain() throws Exception {
        patchUpstream("v2");
        CountDownLatch release = new CountDownLatch(1);
        List<Future<?>> blockers = new java.util.ArrayList<>();
        CountDownLatch blocked = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) { // the stand-in timer pool has two threads: both busy, so the checks wait
            blockers.add(Timer.get().submit(() -> {
                blocked.countDown();
                return release.await(60, TimeUnit.SECONDS);
            }));
        }
        assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            Http.Response first = post(notification(UUID.randomUUID().toString(), Instant.now()), SECRET_HEADER, secret);
            Http.Response second = post(notification(UUID.randomUUID().toString(), Instant.now()), SECRET_HEADER, secret);
            assertThat(Json.read(first.body()).has("alreadyWaiting")).isFalse();
            assertThat(Json.read(second.body()).path("alreadyWaiting").get(0).asText()).isEqualTo(upstream.toString());
        } finally {
            release.countDown();
        }
        for (Future<?> blocker : blockers) {
            blocker.get(30, TimeUnit.SECONDS);
        }
        awaitScheduled(1);
        awaitTimerIdle();
        assertThat(job.standInScheduled()).as("one check, one build").hasSize(1);
    }

    @Test
    void aFloodOfBadRequestsLogsOneInfoLine() throws Exception {
        Logger log = Logger.getLogger(UpstreamWebhook.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        Level before = log.getLevel();
        log.setLevel(Level.FINE);
        try {
            for (int i = 0; i < 50; i++) {
                assertThat(post(notification("x" + i, Instant.now()), SECRET_HEADER, "guess-" + i).status).isEqualTo(401);
            }
        } finally {
            log.removeHandler(capture);
            log.setLevel(before);
        }
        assertThat(records.stream().filter(r -> r.getLevel() == Level.INFO).map(LogRecord::getMessage))
                .containsExactly("Refused registry notification (HTTP 401): wrong X-Image-Lifecycle-Secret");
        assertThat(records.stream().filter(r -> r.getLevel() == Level.FINE)).hasSize(49);
    }
}
