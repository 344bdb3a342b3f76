package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.contents.LayeredImages;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.signing.ImageSignatures;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.nio.file.Files;
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
 * The signature gate of an environment with trusted keys, on images in a real registry: an unsigned image
 * and one signed by another key are refused before anything is copied, naming the key ids found and
 * trusted; a signed one enters, its signatures travel with it and the copy is signed for its new repository.
 */
@Tag("integration")
class SignatureGateIT {
    @TempDir
    Path dir;

    @Test
    void onlyAnImageSignedByATrustedKeyEntersAndItsCopyIsSignedForTheNewRepository() throws Exception {
        TestRegistry registry = RealDocker.registry();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        SigningKey factory = SigningKey.generate();
        SigningKey stranger = SigningKey.generate();
        SigningKey retired = SigningKey.generate();
        Path factoryPub = Files.writeString(dir.resolve("factory.pub"), factory.publicKey().pem());
        // two trusted keys at once: a rotation, the retiring one still accepted
        var dev = new Environment("dev", null, false, false, null, List.of(retired.publicKey().pem(), factoryPub.toString()));
        var config = new LifecycleConfig(List.of(), List.of(dev));
        try (Catalog catalog = Catalog.open(dir.resolve("catalog").toString())) {
            SyntheticImages images = new SyntheticImages(catalog, registry.host());
            ImageRecord unsigned = image(registry, images, "unsigned-" + unique);
            ImageRecord foreign = image(registry, images, "foreign-" + unique);
            ImageRecord signed = image(registry, images, "signed-" + unique);
            SigningOperation signing = new SigningOperation(catalog, registry.client(), Clock.systemUTC());
            assertThat(signing.sign(foreign, ImageRef.parse(foreign.repository()), stranger, "tester", RealDocker.quiet())).isTrue();
            assertThat(signing.sign(signed, ImageRef.parse(signed.repository()), factory, "tester", RealDocker.quiet())).isTrue();
            var promote = new PromoteOperation(catalog, config, registry.client(), Clock.systemUTC(), Optional.of(factory));

            assertThatThrownBy(() -> promote.promote(new PromoteRequest(unsigned.digest(), "dev", null, "no tests"), "a", RealDocker.quiet()))
                    .isInstanceOf(GateRefusedException.class).hasMessageContaining("has no valid signature by a key dev trusts: no signature")
                    .hasMessageContaining(factory.keyId()).hasMessageContaining(retired.keyId());
            assertThatThrownBy(() -> promote.promote(new PromoteRequest(foreign.digest(), "dev", null, "no tests"), "a", RealDocker.quiet()))
                    .isInstanceOf(GateRefusedException.class)
                    .hasMessageContaining(stranger.keyId() + ": not signed by a trusted key");
            ImageRef foreignTarget = dev.targetFor(ImageRef.parse(foreign.displayRef()));
            assertThat(catalog.placements(foreign.digest())).as("nothing placed").isEmpty();
            assertThatThrownBy(() -> registry.client().resolve(foreignTarget)).as("nothing copied").isNotNull();

            var result = promote.promote(new PromoteRequest(signed.digest(), "dev", null, "no tests"), "a", RealDocker.quiet());
            ImageRef target = ImageRef.parse(result.targetRef());
            Digest digest = Digest.parse(signed.digest());
            var atTarget = io.jenkins.plugins.imagelifecycle.signing.ImageVerification.of(registry.client(), target.withoutDigest()
                    .withDigest(digest), List.of(factory.publicKey())).signatures();
            assertThat(atTarget.signatures()).as("the build repository's signature copied, and one for the target")
                    .hasSize(2).filteredOn(c -> c.valid()).singleElement().extracting(c -> c.keyId()).isEqualTo(factory.keyId());
            assertThat(new ImageSignatures(registry.client()).list(target.withoutDigest(), digest)).hasSize(2);
            LifecycleEvent placed = catalog.history(signed.digest()).stream().filter(e -> e.action().equals(PromoteOperation.ACTION))
                    .findFirst().orElseThrow();
            assertThat(Json.read(placed.details()).path("signatureVerifiedBy").get(0).asText()).isEqualTo(factory.keyId());
            assertThat(Json.read(placed.details()).path("trustedKeys")).as("the rotation on record")
                    .extracting(com.fasterxml.jackson.databind.JsonNode::asText).containsExactly(retired.keyId(), factory.keyId());
            assertThat(catalog.history(signed.digest())).filteredOn(e -> e.action().equals(SigningOperation.SIGNED))
                    .extracting(LifecycleEvent::reason).containsExactly("signed for " + signed.repository() + " by key " + factory.keyId(),
                            "signed for " + target.name() + " by key " + factory.keyId());

            // retiring with its environment copies removed takes their signatures too: none is left signing a digest that is gone
            var retirement = new EndOfLife(catalog, new io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion(registry.client()),
                    image -> image.digest().equals(signed.digest()) ? List.of(target.withoutDigest().withDigest(digest)) : List.of(),
                    "tester", Clock.systemUTC()).retire(new RetireRequest(signed.digest(), "superseded", false, true, false), RealDocker.quiet());
            assertThat(retirement.removals()).extracting(o -> o.result().name()).containsExactly("DELETED", "DELETED");
            assertThat(new ImageSignatures(registry.client()).list(target.withoutDigest(), digest)).isEmpty();
            assertThat(new ImageSignatures(registry.client()).list(ImageRef.parse(signed.repository()), digest))
                    .as("the original, kept for traceability, keeps its signature").hasSize(1);
        }
    }

    private static ImageRecord image(TestRegistry registry, SyntheticImages images, String name) {
        ImageRef pushed = LayeredImages.pushDebian(registry.client(), ImageRef.parse(registry.host() + "/apps/" + name),
                "Package: " + name + "\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n");
        return images.record("apps/" + name + ":1", pushed.digest().orElseThrow().toString(), Role.AUGMENTED, null, null, null,
                Instant.now());
    }
}
