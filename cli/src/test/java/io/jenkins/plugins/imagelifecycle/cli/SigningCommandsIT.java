package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.contents.LayeredImages;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildAttestations;
import io.jenkins.plugins.imagelifecycle.lifecycle.SigningOperation;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.provenance.SlsaProvenance;
import io.jenkins.plugins.imagelifecycle.signing.Passphrase;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keys generate, verify and the signature gate of promote, from the command line, on an image in the real registry. */
@Tag("integration")
class SigningCommandsIT {
    @TempDir
    Path dir;

    @Test
    void generateVerifyAndAGatedPromotionThatSignsItsCopy() throws Exception {
        var registry = RealDocker.registry();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Path passphrase = Files.writeString(dir.resolve("passphrase"), "cli passphrase " + unique + "\n");
        String prefix = dir.resolve("factory").toString();
        CliRun generated = CliRun.of("keys", "generate", "--json", "--output-prefix", prefix, "--passphrase-file", passphrase.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        String keyId = Json.read(generated.out()).path("keyId").asText();
        assertThat(keyId).startsWith("sha256:");
        assertThat(Files.getPosixFilePermissions(Path.of(prefix + ".key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(Path.of(prefix + ".key"))).startsWith("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----")
                .doesNotContain("cli passphrase");
        CliRun again = CliRun.of("keys", "generate", "--output-prefix", prefix, "--passphrase-file", passphrase.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err().strip()).endsWith("Key file " + prefix + ".key exists already; expected a prefix whose .key and .pub are new");

        String prodPrefix = dir.resolve("dev-countersign").toString();
        assertThat(CliRun.of("keys", "generate", "--output-prefix", prodPrefix, "--passphrase-file", passphrase.toString()).exitCode())
                .isZero();
        ImageRef pushed = LayeredImages.pushDebian(registry.client(), ImageRef.parse(registry.host() + "/apps/signed-cli-" + unique),
                "Package: app\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n");
        String catalog = dir.resolve("catalog").toString();
        Path config = dir.resolve("lifecycle.yaml");
        Files.writeString(config, "signing:\n  key: " + prefix + ".key\n  passphraseFile: " + passphrase + "\n  trustedKeys: [" + prefix
                + ".pub]\nenvironments:\n  - name: dev\n    trustedKeys: [" + prefix + ".pub]\n    countersign:\n      key: " + prodPrefix
                + ".key\n      passphraseFile: " + passphrase + "\n");
        ImageRecord image;
        try (Catalog c = Catalog.open(catalog)) {
            image = new SyntheticImages(c, registry.host()).record("apps/signed-cli-" + unique + ":1", pushed.digest().orElseThrow().toString(),
                    Role.AUGMENTED, null, null, null, Instant.now());
        }

        CliRun unsigned = CliRun.of("verify", "--config", config.toString(), "--image", pushed.toString());
        assertThat(unsigned.exitCode()).isEqualTo(VerifyCommand.NOT_VERIFIED);
        assertThat(unsigned.out()).contains("NOT signed by a trusted key").contains("no signature stored under sha256-");
        CliRun refused = CliRun.of("promote", "--catalog", catalog, "--config", config.toString(), "--image", image.digest(), "--to", "dev",
                "--waive-tests", "no tests");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("has no valid signature by a key dev trusts: no signature").contains(keyId).doesNotContain("\tat ");

        SigningKey key = SigningKey.read(Path.of(prefix + ".key"), Passphrase.fromFile(passphrase));
        try (Catalog c = Catalog.open(catalog)) {
            new SigningOperation(c, registry.client(), Clock.systemUTC()).sign(image, ImageRef.parse(image.repository()), key, "tester",
                    RealDocker.quiet());
        }
        CliRun withoutProvenance = CliRun.of("verify", "--json", "--config", config.toString(), "--image", pushed.toString());
        assertThat(withoutProvenance.exitCode()).as("the image is signed, its provenance is missing").isEqualTo(VerifyCommand.NOT_VERIFIED);
        assertThat(Json.read(withoutProvenance.out()).path("missingAttestations").get(0).asText()).isEqualTo(SlsaProvenance.PREDICATE_TYPE);

        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"" + pushed.name()
                + "\",\"digest\":{\"sha256\":\"" + pushed.digest().orElseThrow().hex() + "\"}}],\"predicateType\":\""
                + SlsaProvenance.PREDICATE_TYPE + "\",\"predicate\":{}}";
        var stored = BuildAttestations.push(registry.client(), pushed.withoutDigest(), pushed.digest().orElseThrow(), statement,
                SlsaProvenance.PREDICATE_TYPE, key);
        CliRun verified = CliRun.of("verify", "--json", "--config", config.toString(), "--image", pushed.toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        JsonNode json = Json.read(verified.out());
        assertThat(json.path("trusted").asBoolean()).isTrue();
        assertThat(json.path("signatures").get(0).path("keyId").asText()).isEqualTo(keyId);
        assertThat(json.path("attestations").get(0).path("keyId").asText()).isEqualTo(keyId);
        assertThat(CliRun.of("attestations", "--image", pushed.toString(), "--config", config.toString()).out())
                .contains("signed (DSSE) by " + keyId);
        envelopeVerifiesWithTheJdkAlone(pushed, stored.digest().toString(), Path.of(prefix + ".pub"));

        CliRun promoted = CliRun.of("promote", "--json", "--catalog", catalog, "--config", config.toString(), "--image", image.digest(),
                "--to", "dev", "--waive-tests", "no tests");
        assertThat(promoted.exitCode()).as(promoted.err()).isZero();
        assertThat(promoted.err()).contains("Copied 1 signature(s) with the image").contains("Signed ").doesNotContain("cli passphrase");
        String target = Json.read(promoted.out()).path("pinned").asText();
        CliRun atTarget = CliRun.of("verify", "--json", "--key", prefix + ".pub", "--config", config.toString(), "--image", target);
        assertThat(atTarget.exitCode()).as(atTarget.out()).isZero();
        assertThat(Json.read(atTarget.out()).path("signatures")).as("copied, the factory's for the target, dev's countersignature")
                .hasSize(3);
        // the image signature alone: the provenance is the factory key's, not dev's
        CliRun countersigned = CliRun.of("verify", "--json", "--key", prodPrefix + ".pub", "--config", config.toString(), "--image", target);
        assertThat(Json.read(countersigned.out()).path("trusted").asBoolean()).as("dev's own key signed the copy").isTrue();
        assertThat(Json.read(atTarget.out()).path("attestations").get(0).path("valid").asBoolean()).as("copied with the image").isTrue();
    }

    /**
     * The envelope as skopeo fetches it, checked with the JDK's signature and key classes only: DSSE's
     * pre-authentication encoding written here from the specification, and the subject's digest.
     */
    private void envelopeVerifiesWithTheJdkAlone(ImageRef image, String attestation, Path publicKey) throws Exception {
        Path copied = Files.createTempDirectory(dir, "attestation");
        Path anything = Files.writeString(dir.resolve("anything.json"), "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
        Process skopeo = new ProcessBuilder("skopeo", "copy", "--policy", anything.toString(), "--src-tls-verify=false",
                "docker://" + image.name() + "@" + attestation, "dir:" + copied).redirectErrorStream(true).start();
        String output = new String(skopeo.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(skopeo.waitFor()).as(output).isZero();
        JsonNode manifest = Json.read(Files.readString(copied.resolve("manifest.json")));
        JsonNode layer = manifest.path("layers").get(0);
        assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.dsse.envelope.v1+json");
        JsonNode envelope = Json.read(Files.readString(copied.resolve(layer.path("digest").asText().substring("sha256:".length()))));
        byte[] payload = java.util.Base64.getDecoder().decode(envelope.path("payload").asText());
        String type = envelope.path("payloadType").asText();
        assertThat(type).isEqualTo("application/vnd.in-toto+json");
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream pae = new java.io.ByteArrayOutputStream();
        pae.writeBytes(("DSSEv1 " + typeBytes.length + " " + type + " " + payload.length + " ").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        pae.writeBytes(payload);
        String pem = Files.readString(publicKey).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PublicKey key = java.security.KeyFactory.getInstance("EC")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(pae.toByteArray());
        assertThat(verifier.verify(java.util.Base64.getDecoder().decode(envelope.path("signatures").get(0).path("sig").asText()))).isTrue();
        assertThat(Json.read(new String(payload, java.nio.charset.StandardCharsets.UTF_8)).path("subject").get(0).path("digest")
                .path("sha256").asText()).isEqualTo(image.digest().orElseThrow().hex());
        // and sigstore-js, Sigstore's own JavaScript verifier, accepts the envelope with the same public key
        String bundle = io.jenkins.plugins.imagelifecycle.testing.SigstoreJs.dsseBundle("factory", envelope.path("payload").asText(), type,
                envelope.path("signatures").get(0).path("sig").asText());
        assertThat(io.jenkins.plugins.imagelifecycle.testing.SigstoreJs.verify(dir, bundle, Files.readString(publicKey), null))
                .isEqualTo("verified");
    }
}
