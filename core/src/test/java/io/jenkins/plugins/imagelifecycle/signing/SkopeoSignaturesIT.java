package io.jenkins.plugins.imagelifecycle.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.contents.LayeredImages;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SigstoreJs;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our signatures against parts nobody here wrote. skopeo (containers/image) reads the {@code .sig} manifest
 * by its tag and fetches the payload; OpenSSL and sigstore-js verify the signature over it with the public key; a
 * cosign key file we generate is opened by libsodium's secretbox and Python's scrypt, and one they seal is
 * read by us. Debian's skopeo 1.9.3 is built with sigstore disabled ("Debian-local change: sigstore
 * disabled"), so its {@code sigstoreSigned} policy check runs only where skopeo has it, and is reported as
 * skipped here. Real registry, real pushes.
 */
@Tag("integration")
class SkopeoSignaturesIT {
    @TempDir
    Path dir;
    private TestRegistry registry;
    private ImageSignatures signatures;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private SigningKey key;
    private Path publicKey;

    @BeforeEach
    void setUp() throws Exception {
        registry = RealDocker.registry();
        signatures = new ImageSignatures(registry.client());
        key = SigningKey.generate();
        publicKey = Files.writeString(dir.resolve("cosign.pub"), key.publicKey().pem());
        Path registriesD = Files.createDirectories(dir.resolve("registries.d"));
        Files.writeString(registriesD.resolve("test.yaml"), "docker:\n  " + registry.host() + ":\n    use-sigstore-attachments: true\n");
    }

    private ImageRef push(String name) {
        return LayeredImages.pushDebian(registry.client(), ImageRef.parse(registry.host() + "/signing/" + name + "-" + unique + ":1"),
                "Package: " + name + "\nStatus: install ok installed\nVersion: 1." + unique.hashCode() + "\nArchitecture: all\n");
    }

    private static Digest digestOf(ImageRef pinned) {
        return pinned.digest().orElseThrow();
    }

    /** skopeo copy of {@code pinned} to a directory under a policy that trusts only our public key. */
    private Result skopeoVerifies(ImageRef pinned) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy-" + UUID.randomUUID() + ".json"), "{\"default\":[{\"type\":\"reject\"}],"
                + "\"transports\":{\"docker\":{\"" + pinned.name() + "\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\"" + publicKey
                + "\",\"signedIdentity\":{\"type\":\"matchRepository\"}}]}}}");
        return skopeo("copy", "--policy", policy.toString(), "--registries.d", dir.resolve("registries.d").toString(),
                "--src-tls-verify=false", "docker://" + pinned, "dir:" + Files.createTempDirectory(dir, "copy"));
    }

    private record Result(int exit, String output) {
    }

    private static Result skopeo(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private SignatureVerification.Result ours(ImageRef pinned) {
        return SignatureVerification.verify(signatures.list(pinned.withoutDigest(), digestOf(pinned)), pinned.withoutDigest(),
                digestOf(pinned), List.of(key.publicKey()));
    }

    private static final String PYTHON = "/usr/bin/python3";
    /** Opens cosign's encrypted key file with Python's scrypt and libsodium's secretbox; prints the PKCS#8 DER. */
    private static final String OPEN_COSIGN_KEY = String.join("\n",
            "import sys, json, base64, hashlib, nacl.secret",
            "pem = open(sys.argv[1]).read(); passphrase = open(sys.argv[2], 'rb').read()",
            "d = json.loads(base64.b64decode(''.join(l for l in pem.splitlines() if not l.startswith('-----'))))",
            "k = d['kdf']; p = k['params']",
            "key = hashlib.scrypt(passphrase, salt=base64.b64decode(k['salt']), n=p['N'], r=p['r'], p=p['p'], maxmem=1 << 28, dklen=32)",
            "box = nacl.secret.SecretBox(key)",
            "sys.stdout.buffer.write(box.decrypt(base64.b64decode(d['ciphertext']), base64.b64decode(d['cipher']['nonce'])))");
    /** Seals a PKCS#8 DER key as cosign does (scrypt N 65536, secretbox); prints the PEM. */
    private static final String SEAL_COSIGN_KEY = String.join("\n",
            "import sys, os, json, base64, hashlib, nacl.secret",
            "der = open(sys.argv[1], 'rb').read(); passphrase = open(sys.argv[2], 'rb').read()",
            "salt = os.urandom(32); nonce = os.urandom(24)",
            "key = hashlib.scrypt(passphrase, salt=salt, n=65536, r=8, p=1, maxmem=1 << 28, dklen=32)",
            "sealed = nacl.secret.SecretBox(key).encrypt(der, nonce).ciphertext",
            "b = lambda x: base64.b64encode(x).decode()",
            "body = json.dumps({'kdf': {'name': 'scrypt', 'params': {'N': 65536, 'r': 8, 'p': 1}, 'salt': b(salt)},"
                    + " 'cipher': {'name': 'nacl/secretbox', 'nonce': b(nonce)}, 'ciphertext': b(sealed)}).encode()",
            "lines = [b(body)[i:i + 64] for i in range(0, len(b(body)), 64)]",
            "print('-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----'); print('\\n'.join(lines)); print('-----END ENCRYPTED SIGSTORE PRIVATE KEY-----')");

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void skopeoReadsOurSignatureByItsTagAndOpensslVerifiesItsPayload() throws Exception {
        ImageRef signed = push("signed");
        signatures.sign(signed.withoutDigest(), digestOf(signed), key, "test builder", Instant.now());
        String sigRef = "docker://" + signed.name() + ":" + ImageSignatures.tag(digestOf(signed));
        Result raw = skopeo("inspect", "--raw", "--tls-verify=false", sigRef);
        assertThat(raw.exit()).as(raw.output()).isZero();
        var manifest = io.jenkins.plugins.imagelifecycle.support.Json.read(raw.output());
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        var layer = manifest.path("layers").get(0);
        assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");

        Path copied = Files.createTempDirectory(dir, "sig");
        Path anything = Files.writeString(dir.resolve("anything.json"), "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
        Result fetched = skopeo("copy", "--policy", anything.toString(), "--src-tls-verify=false", sigRef, "dir:" + copied);
        assertThat(fetched.exit()).as(fetched.output()).isZero();
        Path payload = copied.resolve(Digest.parse(layer.path("digest").asText()).hex());
        Path signature = Files.write(dir.resolve("signature.der"),
                java.util.Base64.getDecoder().decode(layer.path("annotations").path("dev.cosignproject.cosign/signature").asText()));
        Result verified = run("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature", signature.toString(), payload.toString());
        assertThat(verified.output().strip()).isEqualTo("Verified OK");
        var claims = io.jenkins.plugins.imagelifecycle.support.Json.read(Files.readString(payload)).path("critical");
        assertThat(claims.path("image").path("docker-manifest-digest").asText()).isEqualTo(digestOf(signed).toString());
        assertThat(claims.path("identity").path("docker-reference").asText()).isEqualTo(signed.name());
        assertThat(claims.path("type").asText()).isEqualTo("cosign container image signature");
        assertThat(ours(signed).trusted()).isTrue();
        assertThat(ours(signed).signatures()).singleElement().extracting(SignatureVerification.Checked::keyId).isEqualTo(key.keyId());

        // sigstore-js, Sigstore's own JavaScript verifier, agrees: the payload and its signature as a message-signature bundle
        String base64Signature = layer.path("annotations").path("dev.cosignproject.cosign/signature").asText();
        assertThat(SigstoreJs.verify(dir, SigstoreJs.messageSignatureBundle(key.keyId(), Files.readAllBytes(payload), base64Signature),
                key.publicKey().pem(), Files.readAllBytes(payload))).isEqualTo("verified");

        Files.writeString(payload, Files.readString(payload).replace("test builder", "forged builder"));
        assertThat(run("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature", signature.toString(),
                payload.toString()).output()).contains("Verification failure");
        assertThat(SigstoreJs.verify(dir, SigstoreJs.messageSignatureBundle(key.keyId(), Files.readAllBytes(payload), base64Signature),
                key.publicKey().pem(), Files.readAllBytes(payload))).startsWith("refused:");
        assertThat(SigstoreJs.verify(dir, SigstoreJs.messageSignatureBundle(key.keyId(), Files.readAllBytes(payload), base64Signature),
                SigningKey.generate().publicKey().pem(), Files.readAllBytes(payload))).as("another key").startsWith("refused:");
    }

    @Test
    void unsignedForeignAndTamperedImagesAreRefusedEachWithItsOwnReason() {
        ImageRef unsigned = push("unsigned");
        assertThat(ours(unsigned).trusted()).isFalse();
        assertThat(ours(unsigned).summary()).startsWith("no signature (trusted keys: " + key.keyId());

        ImageRef foreign = push("foreign");
        SigningKey other = SigningKey.generate();
        signatures.sign(foreign.withoutDigest(), digestOf(foreign), other, "elsewhere", Instant.now());
        assertThat(ours(foreign).signatures()).singleElement().satisfies(c -> {
            assertThat(c.valid()).isFalse();
            assertThat(c.keyId()).isEqualTo(other.keyId());
            assertThat(c.detail()).isEqualTo("not signed by a trusted key");
        });

        ImageRef tampered = push("tampered");
        byte[] payload = SimpleSigningPayload.of(tampered.name(), digestOf(tampered).toString(), "honest builder", Instant.now());
        String signature = java.util.Base64.getEncoder().encodeToString(key.sign(payload));
        byte[] altered = new String(payload, StandardCharsets.UTF_8).replace("honest builder", "forged builder").getBytes(StandardCharsets.UTF_8);
        signatures.append(tampered.withoutDigest(), digestOf(tampered),
                List.of(new ImageSignatures.Stored(Digest.sha256(altered), altered, signature, key.keyId())));
        assertThat(ours(tampered).signatures()).singleElement().extracting(SignatureVerification.Checked::detail)
                .isEqualTo("does not verify with the trusted key it names: the payload or the signature was altered");
    }

    /** Where skopeo has sigstore (not Debian's 1.9.3), its own policy check must agree with ours. */
    @Test
    void skopeoPolicyAcceptsOursAndRefusesTheUnsignedWhereSkopeoHasSigstore() throws Exception {
        ImageRef signed = push("policy");
        signatures.sign(signed.withoutDigest(), digestOf(signed), key, "test builder", Instant.now());
        Result accepted = skopeoVerifies(signed);
        org.junit.jupiter.api.Assumptions.assumeFalse(accepted.output().contains("sigstore disabled"),
                "this skopeo is built without sigstore: " + accepted.output().strip());
        assertThat(accepted.exit()).as(accepted.output()).isZero();
        assertThat(skopeoVerifies(push("policy-unsigned")).exit()).isNotZero();
    }

    @Test
    void aSignatureCopiedFromAnotherImageOrRepositoryIsRefusedWithItsOwnReason() throws Exception {
        ImageRef first = push("first");
        ImageRef second = push("second");
        ImageSignatures.Stored made = signatures.sign(first.withoutDigest(), digestOf(first), key, "b", Instant.now());
        signatures.append(second.withoutDigest(), digestOf(second), List.of(made));
        assertThat(skopeoVerifies(second).exit()).isNotZero();
        assertThat(ours(second).signatures()).singleElement().extracting(SignatureVerification.Checked::detail)
                .isEqualTo("signed for another image: the payload names " + digestOf(first) + ", not " + digestOf(second));

        ImageRef elsewhere = ImageRef.parse(registry.host() + "/signing/moved-" + unique);
        LayeredImages.pushDebian(registry.client(), elsewhere.withTag("1"),
                "Package: first\nStatus: install ok installed\nVersion: 1." + unique.hashCode() + "\nArchitecture: all\n");
        List<ImageSignatures.Stored> ofFirst = signatures.list(first.withoutDigest(), digestOf(first));
        assertThat(ofFirst).hasSize(1);
        signatures.append(elsewhere, digestOf(first), ofFirst);
        assertThat(SignatureVerification.verify(signatures.list(elsewhere, digestOf(first)), elsewhere, digestOf(first),
                List.of(key.publicKey())).signatures()).singleElement().extracting(SignatureVerification.Checked::detail)
                .isEqualTo("signed for the repository " + first.name() + ", not " + elsewhere.name());
    }

    @Test
    void ourCosignKeyFileOpensWithLibsodiumAndOneLibsodiumSealsOpensWithUs() throws Exception {
        Path passphrase = Files.writeString(dir.resolve("passphrase"), "interop passphrase");
        Path keyFile = Files.writeString(dir.resolve("cosign.key"), key.cosignPem(Passphrase.of("interop passphrase")));
        Path open = Files.writeString(dir.resolve("open.py"), OPEN_COSIGN_KEY);
        Process python = new ProcessBuilder(PYTHON, open.toString(), keyFile.toString(), passphrase.toString())
                .redirectOutput(dir.resolve("opened.der").toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(python.waitFor()).isZero();
        Result publicPem = run("openssl", "pkey", "-inform", "DER", "-in", dir.resolve("opened.der").toString(), "-pubout");
        assertThat(publicPem.exit()).as(publicPem.output()).isZero();
        assertThat(TrustedKey.fromPem(publicPem.output(), "openssl's").keyId()).isEqualTo(key.keyId());
        Path payload = Files.writeString(dir.resolve("payload"), "signed by openssl");
        Result signed = run("openssl", "pkeyutl", "-sign", "-inkey", dir.resolve("opened.der").toString(), "-keyform", "DER",
                "-rawin", "-digest", "sha256", "-in", payload.toString(), "-out", dir.resolve("openssl.sig").toString());
        assertThat(signed.exit()).as(signed.output()).isZero();
        assertThat(key.publicKey().verifies(Files.readAllBytes(payload), Files.readAllBytes(dir.resolve("openssl.sig")))).isTrue();

        Path pem = dir.resolve("openssl.pem");
        Path generated = dir.resolve("openssl.der");
        assertThat(run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", pem.toString()).exit()).isZero();
        assertThat(run("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", pem.toString(), "-outform", "DER", "-out", generated.toString())
                .exit()).as("PKCS#8 DER, as cosign seals it").isZero();
        Path seal = Files.writeString(dir.resolve("seal.py"), SEAL_COSIGN_KEY);
        Result sealed = run(PYTHON, seal.toString(), generated.toString(), passphrase.toString());
        assertThat(sealed.exit()).as(sealed.output()).isZero();
        SigningKey read = SigningKey.fromPem(sealed.output(), Passphrase.fromFile(passphrase), "sealed by libsodium");
        Result expected = run("openssl", "pkey", "-inform", "DER", "-in", generated.toString(), "-pubout");
        assertThat(read.keyId()).isEqualTo(TrustedKey.fromPem(expected.output(), "openssl's").keyId());
    }

    @Test
    void aSignatureManifestOfAThousandLayersIsRefusedWithoutReadingThem() {
        ImageRef image = push("crowded");
        List<ImageSignatures.Stored> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] payload = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            many.add(new ImageSignatures.Stored(Digest.sha256(payload), payload, "c2ln", null));
        }
        signatures.append(image.withoutDigest(), digestOf(image), many);
        assertThatThrownBy(() -> signatures.list(image.withoutDigest(), digestOf(image))).isInstanceOf(OperationFailedException.class)
                .hasMessage("The signatures of " + image.name() + "@" + digestOf(image) + " (tag " + ImageSignatures.tag(digestOf(image))
                        + ") are 1000 layers; at most 64 are read");
    }
}
