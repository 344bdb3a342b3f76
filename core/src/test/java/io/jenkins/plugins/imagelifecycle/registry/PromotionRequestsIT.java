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

    /**
     * An image with two attestations: their manifests and blobs are copied beside the image's, and the empty config blob
     * both attestations name is asked for and mounted once, not once per attestation.
     */
    @Test
    void attestationsSharingABlobHaveItCopiedOnce() {
        var registry = RealDocker.registry();
        String repo = "requests/attested-" + UUID.randomUUID().toString().substring(0, 8);
        try (ThrottlingFront front = ThrottlingFront.of(registry.host(), 0, 0); Catalog catalog = Catalog.open(dir.toString())) {
            var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            ImageRef image = ImageRef.parse(front.host() + "/" + repo + ":1");
            Digest digest = TinyImages.push(client, image, "attested");
            AttestationStore store = new AttestationStore(client);
            store.push(image, digest, "{\"_type\":\"one\"}", "https://example.com/one");
            store.push(image, digest, "{\"_type\":\"two\"}", "https://example.com/two");
            new SyntheticImages(catalog, front.host()).record(repo + ":1", digest.toString(), Role.BLESSED, null, "x", null, Instant.now());
            var promote = new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(new Environment("dev", null, false, false))),
                    client, Clock.systemUTC());

            int before = front.requests();
            var result = promote.promote(new PromoteRequest(digest.toString(), "dev", null, "counted"), "a", RealDocker.quiet());
            List<String> sent = front.requestLog().subList(before, front.requests());

            String empty = Digest.sha256("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            assertThat(sent).as("no request twice").doesNotHaveDuplicates();
            assertThat(sent).filteredOn(r -> r.contains("mount=" + empty)).hasSize(1);
            assertThat(result.attestationsCopied()).isEqualTo(2);
            ImageRef copy = ImageRef.parse(front.host() + "/dev/" + repo);
            assertThat(store.list(copy, digest)).extracting(AttestationStore.Attestation::predicateType)
                    .containsExactlyInAnyOrder("https://example.com/one", "https://example.com/two");
        }
    }

    /**
     * A manifest PUT refused as MANIFEST_BLOB_UNKNOWN (what distribution 2.8 answers while another promotion's mount
     * rewrites a blob's link) has its blobs checked and is put again: the promotion completes and records the copy.
     */
    @Test
    void aManifestRefusedForABlobBeingRelinkedIsPutAgain() {
        var registry = RealDocker.registry();
        String repo = "requests/relinked-" + UUID.randomUUID().toString().substring(0, 8);
        try (ThrottlingFront front = ThrottlingFront.of(registry.host(), 0, 0); Catalog catalog = Catalog.open(dir.toString())) {
            var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            Digest digest = TinyImages.push(client, ImageRef.parse(front.host() + "/" + repo + ":1"), "relinked");
            new SyntheticImages(catalog, front.host()).record(repo + ":1", digest.toString(), Role.BLESSED, null, "x", null, Instant.now());
            var promote = new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(new Environment("dev", null, false, false))),
                    client, Clock.systemUTC());
            var log = new java.io.ByteArrayOutputStream();

            front.refuseManifestPutsAsBlobUnknown(1);
            int before = front.requests();
            promote.promote(new PromoteRequest(digest.toString(), "dev", null, "relinked"), "a",
                    new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
            List<String> sent = front.requestLog().subList(before, front.requests());

            assertThat(sent).filteredOn(r -> r.startsWith("PUT /v2/dev/" + repo + "/manifests/1")).hasSize(2);
            assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("did not find a blob of " + digest);
            assertThat(client.resolve(ImageRef.parse(front.host() + "/dev/" + repo + ":1"))).isEqualTo(digest);
            assertThat(catalog.current("dev", front.host() + "/" + repo)).contains(digest.toString());
        }
    }
}
