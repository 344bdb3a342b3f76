package io.jenkins.plugins.imagelifecycle.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private keys in every accepted form, each read back and used; the encrypted PKCS#8 key is made by
 * openssl, not by us. Every bad key is a one-line refusal naming the file and what was expected.
 */
class SigningKeyTest {
    private static final byte[] PAYLOAD = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Test
    void aGeneratedKeyRoundTripsThroughCosignsEncryptedFormatAndItsIdIsTheSha256OfThePublicKey() throws Exception {
        SigningKey key = SigningKey.generate();
        String file = key.cosignPem(Passphrase.of("correct horse"));
        assertThat(file).startsWith("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----");
        String body = new String(Base64.getMimeDecoder().decode(file.replaceAll("-----[A-Z ]+-----", "")), StandardCharsets.UTF_8);
        assertThat(body).contains("\"name\":\"scrypt\"").contains("\"N\":32768").contains("\"name\":\"nacl/secretbox\"");

        SigningKey read = SigningKey.fromPem(file, Passphrase.of("correct horse"), "cosign.key");
        assertThat(read.keyId()).isEqualTo(key.keyId());
        byte[] spki = Base64.getMimeDecoder().decode(key.publicKey().pem().replaceAll("-----[A-Z ]+-----", ""));
        assertThat(key.keyId()).isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)));
        assertThat(key.publicKey().verifies(PAYLOAD, read.sign(PAYLOAD))).isTrue();
        assertThat(TrustedKey.fromPem(key.publicKey().pem(), "cosign.pub").keyId()).isEqualTo(key.keyId());
        // the same format under cosign's newer type name
        SigningKey sigstore = SigningKey.fromPem(file.replace("COSIGN", "SIGSTORE"), Passphrase.of("correct horse"), "sigstore.key");
        assertThat(sigstore.keyId()).isEqualTo(key.keyId());
        assertThat(key.toString()).doesNotContain("BEGIN").contains(key.keyId());

        assertThatThrownBy(() -> SigningKey.fromPem(file, Passphrase.of("wrong"), "cosign.key"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Key file cosign.key cannot be decrypted with the passphrase given: wrong passphrase, or the file was altered");
    }

    @Test
    void ed25519AndRsaPkcs8KeysSign() throws Exception {
        for (String algorithm : new String[] {"Ed25519", "RSA"}) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            var pair = generator.generateKeyPair();
            SigningKey key = SigningKey.fromPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded()), Passphrase.none(), algorithm);
            TrustedKey trusted = TrustedKey.fromPem(pem("PUBLIC KEY", pair.getPublic().getEncoded()), algorithm + ".pub");
            assertThat(key.keyId()).as("the public key derived from the private one").isEqualTo(trusted.keyId());
            assertThat(trusted.verifies(PAYLOAD, key.sign(PAYLOAD))).isTrue();
            assertThat(trusted.verifies("other".getBytes(), key.sign(PAYLOAD))).isFalse();
        }
    }

    @Test
    void anEncryptedPkcs8KeyWrittenByOpensslIsRead() throws Exception {
        Path plain = dir.resolve("plain.pem");
        Path encrypted = dir.resolve("encrypted.pem");
        run(Map.of(), "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", plain.toString());
        run(Map.of("PW", "s3cret passphrase"), "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(),
                "-out", encrypted.toString(), "-passout", "env:PW");
        assertThat(Files.readString(encrypted)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        SigningKey fromEncrypted = SigningKey.read(encrypted, Passphrase.of("s3cret passphrase"));
        assertThat(fromEncrypted.keyId()).isEqualTo(SigningKey.read(plain, Passphrase.none()).keyId());
        assertThatThrownBy(() -> SigningKey.read(encrypted, Passphrase.of("guess"))).isInstanceOf(BadInputException.class)
                .hasMessage("Signing key " + encrypted + " cannot be decrypted with the passphrase given: wrong passphrase, or the file was altered");
    }

    @Test
    void badKeysAreRefusedWithOneLineNamingTheFile() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        String wrongCurve = pem("PRIVATE KEY", p384.generateKeyPair().getPrivate().getEncoded());
        assertThatThrownBy(() -> SigningKey.fromPem(wrongCurve, Passphrase.none(), "p384.pem")).isInstanceOf(BadInputException.class)
                .hasMessage("Key p384.pem is on the curve secp384r1; expected P-256 (prime256v1)");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        String small = pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded());
        assertThatThrownBy(() -> SigningKey.fromPem(small, Passphrase.none(), "rsa1024.pem"))
                .hasMessage("RSA key rsa1024.pem has 1024 bits; expected 2048 to 4096");

        String cosign = SigningKey.generate().cosignPem(Passphrase.of("x"));
        assertThatThrownBy(() -> SigningKey.fromPem(cosign.substring(0, cosign.length() / 2), Passphrase.of("x"), "cut.key"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("Key cut.key is not complete PEM");
        assertThatThrownBy(() -> SigningKey.fromPem("just some text\n", Passphrase.none(), "text.key"))
                .hasMessage("Signing key text.key is not PEM; expected a PEM private key");
        assertThatThrownBy(() -> SigningKey.fromPem(pem("EC PRIVATE KEY", new byte[] {1, 2, 3}), Passphrase.none(), "sec1.key"))
                .hasMessageStartingWith("Signing key sec1.key is a PEM 'EC PRIVATE KEY'; expected 'PRIVATE KEY'");
        assertThatThrownBy(() -> SigningKey.fromPem(pem("PRIVATE KEY", new byte[] {1, 2, 3}), Passphrase.none(), "junk.key"))
                .hasMessageStartingWith("Signing key junk.key is not a PKCS#8 private key");
        assertThatThrownBy(() -> SigningKey.read(dir.resolve("absent.key"), Passphrase.none()))
                .hasMessage("Signing key file " + dir.resolve("absent.key") + " does not exist; expected a PEM private key");
        assertThatThrownBy(() -> Passphrase.fromFile(dir.resolve("absent.pass")))
                .hasMessage("Passphrase file " + dir.resolve("absent.pass") + " does not exist; expected a file holding the signing key's passphrase");
        assertThatThrownBy(() -> Passphrase.fromEnvironment("NO_SUCH_PASSPHRASE_VARIABLE", Map.of()))
                .hasMessage("Passphrase variable NO_SUCH_PASSPHRASE_VARIABLE is not set; expected the signing key's passphrase in it");
        Path withNewline = Files.writeString(dir.resolve("pass"), "x\n");
        assertThat(SigningKey.fromPem(cosign, Passphrase.fromFile(withNewline), "cosign.key").keyId()).startsWith("sha256:");
    }

    private static void run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
