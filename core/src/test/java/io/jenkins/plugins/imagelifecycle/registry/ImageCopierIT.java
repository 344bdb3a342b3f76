package io.jenkins.plugins.imagelifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.RootFs;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Copies by digest through the distribution API between real docker-registry processes. */
@Tag("integration")
class ImageCopierIT {
    private static TestRegistry one;
    private static ImageRef image;
    private static ImageRef second;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void images() {
        one = RealDocker.registry();
        image = RealDocker.importAndPush(RootFs.busybox("copy-a"), ImageRef.parse(one.host() + "/src/a:1"), null);
        second = RealDocker.importAndPush(RootFs.distroless("copy-b"), ImageRef.parse(one.host() + "/src/b:1"), null);
    }

    private ImageRef at(TestRegistry registry, String repo) {
        return ImageRef.parse(registry.host() + "/" + repo + "-" + unique + ":1");
    }

    @Test
    void sameRepositoryOnlyPutsTheManifestUnderTheNewTag() {
        ImageRef target = ImageRef.parse(image.name() + ":copied-" + unique);
        Digest digest = new ImageCopier(one.client(), log).copy(image, image.digest().orElseThrow(), target);
        assertThat(digest).isEqualTo(image.digest().orElseThrow());
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain("Mounted").doesNotContain("Copied");
    }

    @Test
    void anotherRepositoryOfTheSameRegistryMountsTheBlobs() {
        ImageRef target = at(one, "prod/a");
        Digest digest = new ImageCopier(one.client(), log).copy(image, image.digest().orElseThrow(), target);
        assertThat(digest).isEqualTo(image.digest().orElseThrow());
        assertThat(one.client().resolve(target)).isEqualTo(digest);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("Mounted blob").doesNotContain("streaming");
    }

    @Test
    void anotherRegistryGetsTheBlobsStreamedAndTheSameDigest() {
        try (TestRegistry two = TestRegistry.start()) {
            RegistryClient both = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            ImageRef target = at(two, "prod/a");
            Digest digest = new ImageCopier(both, log).copy(image, image.digest().orElseThrow(), target);
            assertThat(two.client().resolve(target)).isEqualTo(digest).isEqualTo(image.digest().orElseThrow());
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("Copied blob");
        }
    }

    @Test
    void anIndexIsCopiedWithEveryChildFirst() {
        RegistryClient client = one.client();
        Manifest a = client.getManifest(image);
        Manifest b = client.getManifest(second);
        var index = Json.object().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        var manifests = index.putArray("manifests");
        for (var pair : Map.of("amd64", a, "arm64", b).entrySet()) {
            var d = manifests.addObject().put("mediaType", ManifestContent.mediaType(pair.getValue()))
                    .put("digest", pair.getValue().digest().toString()).put("size", pair.getValue().bytes().length);
            d.putObject("platform").put("os", "linux").put("architecture", pair.getKey());
        }
        byte[] bytes = Json.write(index).getBytes(StandardCharsets.UTF_8);
        ImageRef source = ImageRef.parse(one.host() + "/src/multi-" + unique + ":1");
        new ImageCopier(client, log).copyManifest(image, a.digest(), source, a.digest().toString());
        new ImageCopier(client, log).copyManifest(second, b.digest(), source, b.digest().toString());
        Digest indexDigest = client.putManifest(source, "1", MediaTypes.OCI_INDEX, bytes);

        try (TestRegistry two = TestRegistry.start()) {
            RegistryClient both = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            ImageRef target = at(two, "prod/multi");
            assertThat(new ImageCopier(both, log).copy(source, indexDigest, target)).isEqualTo(indexDigest);
            assertThat(two.client().resolve(target.withoutDigest().withDigest(a.digest()))).isEqualTo(a.digest());
            assertThat(two.client().resolve(target.withoutDigest().withDigest(b.digest()))).isEqualTo(b.digest());
        }
    }

    @Test
    void anHtpasswdTargetNeedsTheRightCredentialsAndNeverShowsThem() {
        try (TestRegistry secured = TestRegistry.builder().withHtpasswd().start()) {
            RegistryCredentials wrong = new RegistryCredentials("tester", "not-the-password-" + unique);
            RegistryClient wrongClient = new RegistryClient(RegistryEndpoint::defaultFor,
                    h -> h.equals(secured.host()) ? Optional.of(wrong) : Optional.empty());
            assertThatThrownBy(() -> new ImageCopier(wrongClient, log).copy(image, image.digest().orElseThrow(), at(secured, "prod/a")))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining(secured.host()).hasMessageContaining("HTTP 401")
                    .hasMessageNotContaining(wrong.password());

            RegistryClient right = new RegistryClient(RegistryEndpoint::defaultFor,
                    h -> h.equals(secured.host()) ? secured.credentials() : Optional.empty());
            assertThat(new ImageCopier(right, log).copy(image, image.digest().orElseThrow(), at(secured, "prod/a")))
                    .isEqualTo(image.digest().orElseThrow());
        }
    }

    @Test
    void aStoppedTargetRegistryNamesTheStepAndARerunCompletes() {
        TestRegistry two = TestRegistry.start();
        try {
            RegistryClient both = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            ImageRef target = at(two, "prod/a");
            two.stop();
            assertThatThrownBy(() -> new ImageCopier(both, log).copy(image, image.digest().orElseThrow(), target))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("Copy stopped at step")
                    .hasMessageContaining(two.host());
            two.restart();
            assertThat(new ImageCopier(both, log).copy(image, image.digest().orElseThrow(), target)).isEqualTo(image.digest().orElseThrow());
        } finally {
            two.close();
        }
    }

    @Test
    void attestationsAreStoredAsReferrersAndTravelWithTheImage() {
        RegistryClient client = one.client();
        AttestationStore store = new AttestationStore(client);
        ImageRef repo = at(one, "att/a");
        new ImageCopier(client, log).copy(image, image.digest().orElseThrow(), repo);
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"https://slsa.dev/provenance/v1\"}";
        store.push(repo, image.digest().orElseThrow(), statement, "https://slsa.dev/provenance/v1");
        store.push(repo, image.digest().orElseThrow(), "{\"predicateType\":\"test\"}", "https://in-toto.io/attestation/test-result/v0.1");

        var listed = store.list(repo, image.digest().orElseThrow());
        assertThat(listed).extracting(AttestationStore.Attestation::predicateType)
                .containsExactlyInAnyOrder("https://slsa.dev/provenance/v1", "https://in-toto.io/attestation/test-result/v0.1");
        assertThat(store.read(repo, listed.get(0))).isEqualTo(statement);

        try (TestRegistry two = TestRegistry.start()) {
            RegistryClient both = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            ImageRef prod = at(two, "prod/a");
            ImageCopier copier = new ImageCopier(both, log);
            copier.copy(repo, image.digest().orElseThrow(), prod);
            assertThat(new AttestationStore(both).copyAll(repo, image.digest().orElseThrow(), prod, copier)).isEqualTo(2);
            assertThat(new AttestationStore(two.client()).list(prod, image.digest().orElseThrow())).hasSize(2);
        }
    }
}
