package io.jenkins.plugins.imagelifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.ThrottlingFront;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests one promotion sends, counted by a loopback front before a real registry: no request twice, the
 * stored digest taken from the PUT's answer, and the
 * registry's missing referrers API asked once per client, not on every promotion.
 */
@Tag("integration")
class PromotionRequestsIT {
    @TempDir
    Path dir;

    @Test
    void aPromotionWithinOneRegistrySendsEachRequestOnce() {
        var registry = RealDocker.registry();
        String repo = "requests/app-" + UUID.randomUUID().toString().substring(0, 8);
        try (ThrottlingFront front = ThrottlingFront.of(registry.host(), 0, 0); Catalog catalog = Catalog.open(dir.toString())) {
            var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            Digest digest = TinyImages.push(client, ImageRef.parse(front.host() + "/" + repo + ":1"), "requests");
            new SyntheticImages(catalog, front.host()).record(repo + ":1", digest.toString(), Role.BLESSED, null, "x", null, Instant.now());
            var promote = new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(new Environment("dev", null, false, false),
                    new Environment("qa", null, false, false))), client, Clock.systemUTC());

            int before = front.requests();
            promote.promote(new PromoteRequest(digest.toString(), "dev", null, "counted"), "a", RealDocker.quiet());
            List<String> first = front.requestLog().subList(before, front.requests());
            before = front.requests();
            promote.promote(new PromoteRequest(digest.toString(), "qa", null, "counted"), "a", RealDocker.quiet());
            List<String> second = front.requestLog().subList(before, front.requests());

            assertThat(first).as("no request twice").doesNotHaveDuplicates();
            assertThat(first).as("the PUT's answer is the stored digest: the target tag is read once, before")
                    .filteredOn(r -> r.startsWith("HEAD /v2/dev/" + repo + "/manifests/")).hasSize(1);
            assertThat(first).hasSize(9).anyMatch(r -> r.startsWith("POST /v2/dev/" + repo + "/blobs/uploads/?mount="));
            assertThat(second).as("the second promotion does not ask for the referrers API again").hasSize(8)
                    .noneMatch(r -> r.contains("/referrers/")).doesNotHaveDuplicates();
            assertThat(client.resolve(ImageRef.parse(front.host() + "/qa/" + repo + ":1"))).isEqualTo(digest);
        }
    }
}
