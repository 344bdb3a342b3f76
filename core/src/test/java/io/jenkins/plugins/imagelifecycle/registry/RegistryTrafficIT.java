package io.jenkins.plugins.imagelifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.ThrottlingFront;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import io.jenkins.plugins.imagelifecycle.watch.RebuildPlan;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamStatus;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream check against two registries, one of which rate-limits (429 with Retry-After to every tenth request,
 * a loopback front before a real registry): the check completes with every reference resolved; the limited
 * registry never sees more than its configured connections and is left alone for each pause it asks for; the
 * other registry is not held up by those pauses.
 */
@Tag("integration")
class RegistryTrafficIT {
    private static final int TAGS = 40;
    private static final int PAUSE_SECONDS = 2;

    @TempDir
    Path catalogDir;

    @Test
    void a429PausesThatRegistryAloneWithinItsConnectionBoundAndTheCheckCompletes() {
        TestRegistry registry = RealDocker.registry();
        String repo = "upstream/traffic-" + UUID.randomUUID().toString().substring(0, 8);
        Digest digest = null;
        for (int i = 0; i < TAGS; i++) {
            digest = TinyImages.push(registry.client(), ImageRef.parse(registry.host() + "/" + repo + ":t" + i), "traffic");
        }
        try (ThrottlingFront limited = ThrottlingFront.of(registry.host(), 10, PAUSE_SECONDS);
             ThrottlingFront open = ThrottlingFront.of(registry.host(), 0, 0);
             Catalog catalog = Catalog.open(catalogDir.toString())) {
            SyntheticImages images = new SyntheticImages(catalog, registry.host());
            Instant t = Instant.now().minusSeconds(1000);
            // the limited registry's references first: a check that queued everything behind them would show
            for (ThrottlingFront front : List.of(limited, open)) {
                for (int i = 0; i < TAGS; i++) {
                    images.blessed("blessed/via-" + front.host().replace(':', '-') + "-" + i + ":1", front.host() + "/" + repo + ":t" + i,
                            digest.toString(), t = t.plusSeconds(1));
                }
            }
            RegistryTraffic traffic = new RegistryTraffic(host -> host.equals(limited.host()) ? 4 : null);
            RegistryClient client = new RegistryClient(RegistryEndpoint::defaultFor, host -> Optional.empty()).withTraffic(traffic);

            RebuildPlan plan = new UpstreamWatch(catalog, client, 32, Duration.ZERO, Clock.systemUTC()).check();

            assertThat(plan.upstreams()).hasSize(2 * TAGS);
            assertThat(plan.upstreams()).as("every reference resolved, through the pauses")
                    .allSatisfy(u -> assertThat(u.state()).as(u.upstreamRef() + ": " + u.message()).isEqualTo(UpstreamStatus.State.UNCHANGED));
            assertThat(limited.refusals()).as("the front did rate-limit").hasSizeGreaterThanOrEqualTo(TAGS / 10);
            assertThat(limited.peakInFlight()).as("its configured bound").isLessThanOrEqualTo(4);
            assertThat(traffic.peakInFlight(limited.host())).isLessThanOrEqualTo(4);
            long pause = TimeUnit.SECONDS.toNanos(PAUSE_SECONDS);
            for (long refused : limited.refusals()) {
                // requests already on their way may arrive just after a 429; none is sent while the pause lasts
                assertThat(limited.arrivals()).as("no request in the middle of a pause it asked for")
                        .noneMatch(a -> a - refused > pause / 4 && a - refused < pause * 3 / 4);
            }
            long openDone = open.arrivals().stream().mapToLong(Long::longValue).max().orElseThrow();
            long lastPause = limited.refusals().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(openDone).as("the other registry was done while the limited one still waited out its pauses")
                    .isLessThan(lastPause);
            assertThat(open.requests()).isEqualTo(TAGS);
        }
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADateWithinItsCap() {
        assertThat(RegistryTraffic.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(RegistryTraffic.retryAfter(null)).isEqualTo(RegistryTraffic.DEFAULT_PAUSE);
        assertThat(RegistryTraffic.retryAfter("soon")).isEqualTo(RegistryTraffic.DEFAULT_PAUSE);
        assertThat(RegistryTraffic.retryAfter("86400")).isEqualTo(RegistryTraffic.MAX_PAUSE);
        assertThat(RegistryTraffic.retryAfter("-5")).isEqualTo(Duration.ZERO);
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        assertThat(RegistryTraffic.retryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegistryTraffic.checkLimit("r.example", 0))
                .hasMessage("maxConnections 0 of registry r.example is out of range; expected 1 to 256");
    }
}
