package io.jenkins.plugins.imagelifecycle.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.support.LogThrottle;
import io.jenkins.plugins.imagelifecycle.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's defences, each on its own: replayed and stale events refused by id and timestamp with bounded
 * memory, checks coalesced per reference under a bound, refusals logged at most once per interval, and the
 * body's HMAC-SHA256 equal to OpenSSL's.
 */
class WebhookDefencesTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));

    private static String envelope(String id, Instant timestamp) {
        return "{\"events\":[{\"id\":\"" + id + "\",\"timestamp\":\"" + timestamp + "\",\"action\":\"push\","
                + "\"target\":{\"repository\":\"upstream/debian\",\"tag\":\"12\"},\"request\":{\"host\":\"registry.example.com\"}}]}";
    }

    @Test
    void distributionsEventsAreReadWithTheirIdsTimestampsAndPushedReferences() {
        String body = "{\"events\":[{\"id\":\"320678d8-ca14-430f-8bb6-4ca139cd83f7\",\"timestamp\":\"2016-03-09T14:44:26.402973972-08:00\","
                + "\"action\":\"push\",\"target\":{\"repository\":\"hello\",\"tag\":\"1\"},\"request\":{\"host\":\"registry.example.com\"}},"
                + "{\"id\":\"6b7c\",\"timestamp\":\"2016-03-09T22:44:27Z\",\"action\":\"pull\",\"target\":{\"repository\":\"hello\"}}]}";
        assertThat(RegistryNotifications.events(body)).containsExactly(
                new RegistryNotifications.Event("320678d8-ca14-430f-8bb6-4ca139cd83f7", Instant.parse("2016-03-09T22:44:26.402973972Z"),
                        "registry.example.com/hello:1"),
                new RegistryNotifications.Event("6b7c", Instant.parse("2016-03-09T22:44:27Z"), null));
    }

    @Test
    void aReplayedEventIsRefusedAndAFreshOneBesideItPasses() {
        NotificationReplayGuard guard = new NotificationReplayGuard(100, clock);
        var first = RegistryNotifications.events(envelope("e1", clock.instant()));
        assertThat(guard.admit(first, WINDOW).fresh()).hasSize(1);

        var replay = guard.admit(first, WINDOW);
        assertThat(replay.fresh()).isEmpty();
        assertThat(replay.refused()).containsExactly("event e1 was already received (a replay)");

        var mixed = new java.util.ArrayList<>(first);
        mixed.addAll(RegistryNotifications.events(envelope("e2", clock.instant())));
        assertThat(guard.admit(mixed, WINDOW).fresh()).extracting(RegistryNotifications.Event::id).containsExactly("e2");
    }

    @Test
    void anEventStampedOutsideTheWindowEitherWayIsRefused() {
        NotificationReplayGuard guard = new NotificationReplayGuard(100, clock);
        Instant old = clock.instant().minus(11, ChronoUnit.MINUTES);
        assertThat(guard.admit(RegistryNotifications.events(envelope("old", old)), WINDOW).refused())
                .containsExactly("event old is stamped 2026-12-02T09:49:00Z, outside the accepted 10m around now (2026-12-02T10:00:00Z)");
        assertThat(guard.admit(RegistryNotifications.events(envelope("ahead", clock.instant().plus(Duration.ofMinutes(11)))), WINDOW)
                .fresh()).isEmpty();
        assertThat(guard.admit(RegistryNotifications.events(envelope("skewed", clock.instant().plus(Duration.ofMinutes(9)))), WINDOW)
                .fresh()).hasSize(1);
    }

    @Test
    void anEventWithoutAnIdOrTimestampRefusesTheDelivery() {
        NotificationReplayGuard guard = new NotificationReplayGuard(100, clock);
        assertThatThrownBy(() -> guard.admit(RegistryNotifications.events("{\"events\":[{\"action\":\"push\"}]}"), WINDOW))
                .isInstanceOf(BadInputException.class).hasMessage("notification event 1 has no id; expected distribution's event id");
        assertThatThrownBy(() -> guard.admit(RegistryNotifications.events("{\"events\":[{\"id\":\"x\",\"timestamp\":\"yesterday\"}]}"), WINDOW))
                .hasMessage("notification event x has no RFC 3339 timestamp");
        assertThat(guard.remembered()).isZero();
    }

    @Test
    void memoryIsBoundedByCapacityAndForgetsIdsTheWindowWouldRefuseAnyway() {
        NotificationReplayGuard guard = new NotificationReplayGuard(50, clock);
        IntStream.range(0, 200).forEach(i -> guard.admit(RegistryNotifications.events(envelope("flood-" + i, clock.instant())), WINDOW));
        assertThat(guard.remembered()).isEqualTo(50);

        clock.advance(Duration.ofMinutes(11));
        guard.admit(RegistryNotifications.events(envelope("later", clock.instant())), WINDOW);
        assertThat(guard.remembered()).as("the flood's ids are older than the window now").isEqualTo(1);
    }

    @Test
    void aReferenceWaitingForItsCheckIsNotQueuedAgainAndTheQueueIsBounded() {
        PendingChecks pending = new PendingChecks(2);
        assertThat(pending.claim(Set.of("r/a:1")).queued()).containsExactly("r/a:1");
        var again = pending.claim(Set.of("r/a:1", "r/b:1", "r/c:1"));
        assertThat(again.coalesced()).containsExactly("r/a:1");
        assertThat(again.queued()).hasSize(1);
        assertThat(again.dropped()).hasSize(1);

        pending.started(Set.of("r/a:1"));
        assertThat(pending.claim(Set.of("r/a:1")).queued()).as("a push while its check runs is queued again").containsExactly("r/a:1");
    }

    @Test
    void refusalsAreLoggedOncePerIntervalWithTheCountHeldBack() {
        LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1), clock);
        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(0));
        IntStream.range(0, 99).forEach(i -> assertThat(throttle.admit()).isEmpty());
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.admit()).isEqualTo(OptionalLong.of(99));
    }

    @Test
    void theSignatureIsOpenSslsHmacSha256OfTheBodyAndNothingElseMatches(@TempDir Path dir) throws Exception {
        byte[] body = envelope("signed", clock.instant()).getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("body.json"), body);
        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", "hook-key-ß", "-r", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as(out).isZero();
        String expected = "sha256=" + out.split(" ")[0].strip();

        assertThat(NotificationSignature.sign("hook-key-ß", body)).isEqualTo(expected);
        assertThat(NotificationSignature.matches("hook-key-ß", body, expected)).isTrue();
        assertThat(NotificationSignature.matches("hook-key-ß", body, expected.toUpperCase(java.util.Locale.ROOT).replace("SHA256=", "sha256=")))
                .as("hex in either case").isTrue();
        byte[] altered = envelope("signed", clock.instant().plusSeconds(1)).getBytes(StandardCharsets.UTF_8);
        for (String bad : List.of("", "sha256=", "sha256=zz", "sha1=" + expected.substring(7), expected.substring(0, expected.length() - 2))) {
            assertThat(NotificationSignature.matches("hook-key-ß", body, bad)).as(bad).isFalse();
        }
        assertThat(NotificationSignature.matches("hook-key-ß", altered, expected)).isFalse();
        assertThat(NotificationSignature.matches("other", body, expected)).isFalse();
        assertThat(NotificationSignature.matches("hook-key-ß", body, null)).isFalse();
    }
}
