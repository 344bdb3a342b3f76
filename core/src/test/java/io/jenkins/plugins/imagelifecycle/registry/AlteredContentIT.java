package io.jenkins.plugins.imagelifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
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
 * Integrity (issue 19): a registry that serves a manifest whose bytes are not the ones its digest names (changed in
 * its storage, or announced under another digest), seen through a loopback front that alters every manifest by one
 * byte: the promotion refuses it naming the digest expected and the digest got, nothing is put under the target tag,
 * and the catalog is unchanged and sound. The same for a layer whose bytes were changed, copied to another registry.
 */
@Tag("integration")
class AlteredContentIT {
    @TempDir
    Path dir;

    /** A layer changed under its digest, copied to another registry: the copy is refused, and nothing is placed. */
    @Test
    void aPromotionToAnotherRegistryRefusesABlobWhoseBytesAreNotItsDigest() {
        var registry = RealDocker.registry();
        String repo = "integrity/blob-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestRegistry far = TestRegistry.start(); ThrottlingFront front = ThrottlingFront.of(registry.host(), 0, 0);
             Catalog catalog = Catalog.open(dir.toString())) {
            var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            Digest digest = TinyImages.push(client, ImageRef.parse(front.host() + "/" + repo + ":1"), "integrity-blob");
            new SyntheticImages(catalog, front.host()).record(repo + ":1", digest.toString(), Role.BLESSED, null, "x", null, Instant.now());
            var promote = new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(
                    new Environment("far", far.host() + "/far/{name}:{tag}", false, false))), client, Clock.systemUTC());
            int eventsBefore = catalog.recentEvents(100).size();

            front.alterBlobs();

            assertThatThrownBy(() -> promote.promote(new PromoteRequest(digest.toString(), "far", null, "integrity"), "a", RealDocker.quiet()))
                    .isInstanceOf(LifecycleException.class)
                    .hasMessageMatching("(?s).*Blob (sha256:[0-9a-f]{64}) read from its source hashes to (?!\\1)sha256:[0-9a-f]{64}: "
                            + "the source's bytes are not what their digest names.*")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            String name = repo.substring(repo.lastIndexOf('/') + 1);
            assertThatThrownBy(() -> client.resolve(ImageRef.parse(far.host() + "/far/" + name + ":1")))
                    .as("nothing under the target tag").isInstanceOf(NotFoundException.class);
            assertThat(catalog.placements(digest.toString())).isEmpty();
            assertThat(catalog.recentEvents(100)).hasSize(eventsBefore);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
    }

    @Test
    void aPromotionRefusesAManifestWhoseBytesAreNotItsDigestAndPlacesNothing() {
        var registry = RealDocker.registry();
        String repo = "integrity/app-" + UUID.randomUUID().toString().substring(0, 8);
        try (ThrottlingFront front = ThrottlingFront.of(registry.host(), 0, 0); Catalog catalog = Catalog.open(dir.toString())) {
            var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            Digest digest = TinyImages.push(client, ImageRef.parse(front.host() + "/" + repo + ":1"), "integrity");
            new SyntheticImages(catalog, front.host()).record(repo + ":1", digest.toString(), Role.BLESSED, null, "x", null, Instant.now());
            var promote = new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(new Environment("dev", null, false, false))),
                    client, Clock.systemUTC());
            int eventsBefore = catalog.recentEvents(100).size();

            front.alterManifests();

            assertThatThrownBy(() -> promote.promote(new PromoteRequest(digest.toString(), "dev", null, "integrity"), "a", RealDocker.quiet()))
                    .isInstanceOf(LifecycleException.class)
                    .hasMessageContaining(digest.toString())
                    .hasMessageContaining("hash to sha256:")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            ImageRef target = ImageRef.parse(registry.host() + "/dev/" + repo + ":1");
            assertThatThrownBy(() -> client.resolve(target)).as("nothing under the target tag").isInstanceOf(NotFoundException.class);
            assertThat(catalog.placements(digest.toString())).isEmpty();
            assertThat(catalog.current("dev", front.host() + "/" + repo)).isEmpty();
            assertThat(catalog.recentEvents(100)).hasSize(eventsBefore);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
    }

    /**
     * The image's contents read through a front that flips a byte of every blob (a layer changed in the registry's
     * storage): refused naming the layer's digest and what its bytes hash to (not the broken compression it shows
     * first), the failed reading on record as such, no inventory stored, no SBOM beside the image.
     */
    @Test
    void readingTheContentsRefusesALayerWhoseBytesAreNotItsDigest() {
        ImageRef pushed = RealDocker.busyboxBase("integrity/contents-" + UUID.randomUUID().toString().substring(0, 8) + ":1", "contents");
        try (ThrottlingFront front = ThrottlingFront.of(RealDocker.registry().host(), 0, 0); Catalog catalog = Catalog.open(dir.toString())) {
            var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            String name = pushed.repository() + ":1";
            var image = new SyntheticImages(catalog, front.host()).record(name, pushed.digest().orElseThrow().toString(), Role.BLESSED,
                    null, "x", null, Instant.now());
            var contents = new io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation(catalog, client, Clock.systemUTC());

            front.alterBlobs();

            assertThatThrownBy(() -> contents.read(image, "tester", RealDocker.quiet()))
                    .isInstanceOf(LifecycleException.class)
                    .hasMessageMatching("(?s).*Layer (sha256:[0-9a-f]{64}) does not match its digest: its bytes hash to (?!\\1)sha256:[0-9a-f]{64}")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(new io.jenkins.plugins.imagelifecycle.catalog.ContentsStore(catalog).inventory(image.digest())).isEmpty();
            assertThat(catalog.history(image.digest())).last().satisfies(e -> {
                assertThat(e.action()).isEqualTo(io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation.FAILED);
                assertThat(e.reason()).contains("does not match its digest");
            });
            assertThat(new AttestationStore(RealDocker.registry().client()).list(ImageRef.parse(RealDocker.registry().host() + "/"
                    + pushed.repository()), pushed.digest().orElseThrow())).as("no SBOM beside the image").isEmpty();
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
    }

    /** The same reading through a front that alters every manifest: refused naming the digest announced and the one got. */
    @Test
    void readingTheContentsRefusesAManifestWhoseBytesAreNotItsDigest() {
        var registry = RealDocker.registry();
        String repo = "integrity/contents-manifest-" + UUID.randomUUID().toString().substring(0, 8);
        try (ThrottlingFront front = ThrottlingFront.of(registry.host(), 0, 0)) {
            var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            Digest digest = TinyImages.push(client, ImageRef.parse(front.host() + "/" + repo + ":1"), "contents-manifest");

            front.alterManifests();

            assertThatThrownBy(() -> new io.jenkins.plugins.imagelifecycle.contents.InventoryReader(client)
                    .read(ImageRef.parse(front.host() + "/" + repo).withDigest(digest)))
                    .isInstanceOf(LifecycleException.class)
                    .hasMessageMatching("Registry .* sent a manifest for .*" + digest + " whose bytes hash to (?!" + digest
                            + ")sha256:[0-9a-f]{64} but announced " + digest);
        }
    }

    /**
     * Verifying an image's signatures through fronts that alter its signature's manifest or its payload blob: refused,
     * naming what was expected and what the bytes hash to, never taken for "verified" or for "no signature".
     */
    @Test
    void verificationRefusesASignatureWhoseBytesAreNotTheirDigest() {
        var registry = RealDocker.registry();
        String repo = "integrity/signed-" + UUID.randomUUID().toString().substring(0, 8);
        var key = io.jenkins.plugins.imagelifecycle.signing.SigningKey.generate();
        Digest digest = TinyImages.push(registry.client(), ImageRef.parse(registry.host() + "/" + repo + ":1"), "signed");
        new io.jenkins.plugins.imagelifecycle.signing.ImageSignatures(registry.client())
                .sign(ImageRef.parse(registry.host() + "/" + repo), digest, key, "tester", Instant.now());
        var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
        try (ThrottlingFront manifests = ThrottlingFront.of(registry.host(), 0, 0).alterManifests();
             ThrottlingFront blobs = ThrottlingFront.of(registry.host(), 0, 0).alterBlobs()) {
            assertThat(io.jenkins.plugins.imagelifecycle.signing.ImageVerification.of(client,
                    ImageRef.parse(registry.host() + "/" + repo).withDigest(digest), List.of(key.publicKey())).verified(List.of()))
                    .as("verified when nothing is altered").isTrue();

            assertThatThrownBy(() -> io.jenkins.plugins.imagelifecycle.signing.ImageVerification.of(client,
                    ImageRef.parse(manifests.host() + "/" + repo).withDigest(digest), List.of(key.publicKey())))
                    .isInstanceOf(LifecycleException.class)
                    .hasMessageMatching("Registry .* sent a manifest for .* whose bytes hash to sha256:[0-9a-f]{64} but announced "
                            + "sha256:[0-9a-f]{64}");
            assertThatThrownBy(() -> io.jenkins.plugins.imagelifecycle.signing.ImageVerification.of(client,
                    ImageRef.parse(blobs.host() + "/" + repo).withDigest(digest), List.of(key.publicKey())))
                    .isInstanceOf(LifecycleException.class)
                    .hasMessageMatching("Blob (sha256:[0-9a-f]{64}) read from .* does not match its digest: its bytes hash to "
                            + "(?!\\1)sha256:[0-9a-f]{64}");
        }
    }
}
