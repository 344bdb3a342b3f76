package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.RebuildClaims;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --once} beside Jenkins controllers on one catalog: it schedules nothing, so it claims nothing, and it still
 * reports a patched upstream as due until it is rebuilt; a rebuild a trigger has claimed shows beside the upstream, with
 * the job and the controller that scheduled it.
 */
@Tag("integration")
class WatchRebuildClaimsIT {
    @TempDir
    Path catalog;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aRebuildClaimedByATriggerShowsBesideItsPatchedUpstreamWhichStaysDue() {
        var registry = RealDocker.registry();
        ImageRef upstream = ImageRef.parse(registry.host() + "/upstream/watch-claims-" + unique + ":1");
        Digest builtFrom = TinyImages.push(registry.client(), upstream, "v1 " + unique);
        String patched;
        try (Catalog c = Catalog.open(catalog.toString())) {
            new SyntheticImages(c, registry.host()).record("blessed/watch-claims-" + unique + ":1", Digest.sha256(unique).toString(),
                    Role.BLESSED, builtFrom.toString(), upstream.toString(), builtFrom.toString(), Instant.now());
            patched = TinyImages.push(registry.client(), upstream, "v2 " + unique).toString();
            new RebuildClaims(c).claim(List.of(new RebuildClaims.Claim(upstream.toString(), patched, "images/base",
                    Instant.parse("2026-12-02T10:00:00Z"), "https://controller-a.example/")));
        }

        CliRun text = CliRun.onCatalog(catalog, "watch", "--once");
        assertThat(text.exitCode()).as(text.err()).isEqualTo(WatchCommand.REBUILDS_DUE);
        assertThat(text.out()).contains("patched     " + upstream + "  patched: now " + patched)
                .contains("\n            rebuild scheduled for images/base by https://controller-a.example/ at 2026-12-02T10:00:00Z\n");

        CliRun json = CliRun.onCatalog(catalog, "watch", "--once", "--json");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(WatchCommand.REBUILDS_DUE);
        JsonNode up = Json.read(json.out()).path("upstreams").get(0);
        assertThat(up.path("state").asText()).isEqualTo("patched");
        assertThat(up.path("rebuildClaims")).singleElement().satisfies(claim -> {
            assertThat(claim.path("consumer").asText()).isEqualTo("images/base");
            assertThat(claim.path("claimedBy").asText()).isEqualTo("https://controller-a.example/");
            assertThat(claim.path("claimedAt").asText()).isEqualTo("2026-12-02T10:00:00Z");
        });
        assertThat(Json.read(json.out()).path("plan")).as("still due: nothing is rebuilt yet").hasSize(1);
        try (Catalog c = Catalog.open(catalog.toString())) {
            assertThat(new RebuildClaims(c).held(upstream.toString(), patched)).as("the watch claimed nothing").hasSize(1);
        }
    }
}
