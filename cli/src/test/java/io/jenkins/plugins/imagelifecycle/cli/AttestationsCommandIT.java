package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.provenance.SlsaProvenance;
import io.jenkins.plugins.imagelifecycle.sbom.SbomFormat;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import io.jenkins.plugins.imagelifecycle.verify.TestResultStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attestations} (issue 19: a CLI test for every command) on what a real bless stored beside its image: the
 * provenance, the test results and the SBOM, each in a DSSE envelope signed by the factory's key, each statement about
 * that digest; {@code verify} accepts them with the public key; an image pushed without any has none.
 */
@Tag("integration")
class AttestationsCommandIT {
    @TempDir
    Path workspace;
    @TempDir
    Path dir;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void listsAndShowsTheSignedStatementsABlessStoredAndVerifyAcceptsThem() throws Exception {
        Path passphrase = Files.writeString(dir.resolve("passphrase"), "attestations " + unique + "\n");
        String prefix = dir.resolve("factory").toString();
        CliRun generated = CliRun.of("keys", "generate", "--json", "--output-prefix", prefix, "--passphrase-file", passphrase.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        String keyId = Json.read(generated.out()).path("keyId").asText();
        Path config = Files.writeString(dir.resolve("config.yaml"), "signing:\n  key: " + prefix + ".key\n  passphraseFile: " + passphrase
                + "\n");
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/hooks.yaml", "schemaVersion: 2.0.0\nfileExistenceTests:\n  - name: hooks marker\n"
                + "    path: /etc/image-hooks/marker\n");
        ImageRef base = RealDocker.busyboxBase("upstream/busybox-attestations:1", "attestations");
        String target = RealDocker.registry().host() + "/blessed/attested-" + unique + ":1";
        CliRun blessed = CliRun.onCatalog(dir.resolve("catalog"), "bless", "--json", "--config", config.toString(),
                "--workspace", workspace.toString(), "--base", base.withoutDigest().toString(), "--dockerfile", "blessed/Dockerfile",
                "--context", "blessed", "--tests", "tests/hooks.yaml", "--target", target);
        assertThat(blessed.exitCode()).as(blessed.err()).isZero();
        String digest = Json.read(blessed.out()).path("digest").asText();
        String name = RealDocker.registry().host() + "/blessed/attested-" + unique;

        CliRun listed = CliRun.of("attestations", "--json", "--show", "--config", config.toString(), "--image", target);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        JsonNode json = Json.read(listed.out());
        assertThat(json.path("image").asText()).as("the tag, resolved to the pushed digest").isEqualTo(name + "@" + digest);
        assertThat(json.path("attestations")).extracting(a -> a.path("predicateType").asText())
                .containsExactlyInAnyOrder(SlsaProvenance.PREDICATE_TYPE, TestResultStatement.PREDICATE_TYPE,
                        SbomFormat.CYCLONEDX.predicateType());
        assertThat(json.path("attestations")).allSatisfy(a -> {
            assertThat(a.path("signed").asBoolean()).isTrue();
            assertThat(a.path("keyIds")).extracting(JsonNode::asText).containsExactly(keyId);
            JsonNode subject = a.path("statement").path("subject").get(0);
            assertThat(subject.path("name").asText()).isEqualTo(name);
            assertThat("sha256:" + subject.path("digest").path("sha256").asText()).isEqualTo(digest);
        });
        assertThat(json.path("attestations")).filteredOn(a -> a.path("predicateType").asText().equals(SlsaProvenance.PREDICATE_TYPE))
                .singleElement().satisfies(a -> assertThat(a.path("statement").path("predicate").path("buildDefinition")
                        .path("externalParameters").path("target").asText()).isEqualTo(target));

        CliRun text = CliRun.of("attestations", "--config", config.toString(), "--image", name + "@" + digest);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().lines()).first().isEqualTo(name + "@" + digest + ": 3 attestation(s)");
        assertThat(text.out().lines().skip(1)).hasSize(3).allSatisfy(l -> assertThat(l).endsWith("signed (DSSE) by " + keyId));

        CliRun verified = CliRun.of("verify", "--json", "--config", config.toString(), "--key", prefix + ".pub", "--image", target,
                "--require-attestation", TestResultStatement.PREDICATE_TYPE);
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(Json.read(verified.out()).path("attestations")).hasSize(3)
                .allSatisfy(a -> assertThat(a.path("valid").asBoolean()).isTrue());
    }

    @Test
    void anImagePushedWithoutAttestationsHasNone() throws Exception {
        ImageRef bare = ImageRef.parse(RealDocker.registry().host() + "/apps/unattested-" + unique + ":1");
        var digest = TinyImages.push(RealDocker.registry().client(), bare, "unattested " + unique);
        Path config = Files.writeString(dir.resolve("none.yaml"), "registries: []\n");
        CliRun listed = CliRun.of("attestations", "--image", bare.toString(), "--config", config.toString());
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out().strip()).isEqualTo(bare.name() + "@" + digest + ": 0 attestation(s)");
    }
}
