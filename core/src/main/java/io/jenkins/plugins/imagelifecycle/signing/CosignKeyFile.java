package io.jenkins.plugins.imagelifecycle.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The body of cosign's encrypted private key file ({@code ENCRYPTED SIGSTORE PRIVATE KEY}, and the older
 * {@code ENCRYPTED COSIGN PRIVATE KEY}): the PKCS#8 key sealed in a NaCl secretbox under a key derived
 * with scrypt, as JSON (go-securesystemslib's {@code encrypted} format). Only the scrypt parameters that
 * format accepts are read, so a crafted file cannot make the derivation take unbounded memory.
 */
final class CosignKeyFile {
    static final String SIGSTORE_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
    static final String COSIGN_TYPE = "ENCRYPTED COSIGN PRIVATE KEY";
    /** N of the legacy, standard and OWASP strengths, each with r 8 and p 1. */
    private static final List<Integer> ACCEPTED_N = List.of(32768, 65536, 131072);
    /** The legacy strength, the one every cosign and containers/image release reads (skopeo 1.9 included). */
    private static final int WRITTEN_N = 32768;

    private CosignKeyFile() {
    }

    /** @return the PKCS#8 DER key */
    static byte[] decrypt(byte[] body, byte[] passphrase, String where) {
        JsonNode json;
        try {
            json = Json.read(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("Key file " + where + " is not a cosign key: its body is not JSON");
        }
        JsonNode kdf = json.path("kdf");
        JsonNode params = kdf.path("params");
        int n = params.path("N").asInt();
        if (!kdf.path("name").asText().equals("scrypt") || !ACCEPTED_N.contains(n) || params.path("r").asInt() != 8
                || params.path("p").asInt() != 1) {
            throw new BadInputException("Key file " + where + " uses key derivation " + kdf.path("name").asText("(none)") + " N=" + n
                    + "; expected scrypt with N 32768, 65536 or 131072, r 8, p 1, as cosign writes");
        }
        if (!json.path("cipher").path("name").asText().equals("nacl/secretbox")) {
            throw new BadInputException("Key file " + where + " uses cipher " + json.path("cipher").path("name").asText("(none)")
                    + "; expected nacl/secretbox, as cosign writes");
        }
        byte[] salt = base64(json.path("kdf").path("salt"), where);
        byte[] nonce = base64(json.path("cipher").path("nonce"), where);
        byte[] box = base64(json.path("ciphertext"), where);
        if (nonce.length != SecretBox.NONCE_BYTES) {
            throw new BadInputException("Key file " + where + " has a nonce of " + nonce.length + " bytes; expected 24");
        }
        byte[] key = SCrypt.generate(passphrase, salt, n, 8, 1, SecretBox.KEY_BYTES);
        byte[] pkcs8 = SecretBox.open(key, nonce, box);
        java.util.Arrays.fill(key, (byte) 0);
        if (pkcs8 == null) {
            throw new BadInputException("Key file " + where + " cannot be decrypted with the passphrase given: wrong passphrase, or the file was altered");
        }
        return pkcs8;
    }

    static byte[] encrypt(byte[] pkcs8, byte[] passphrase) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[32];
        byte[] nonce = new byte[SecretBox.NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] key = SCrypt.generate(passphrase, salt, WRITTEN_N, 8, 1, SecretBox.KEY_BYTES);
        byte[] box = SecretBox.seal(key, nonce, pkcs8);
        java.util.Arrays.fill(key, (byte) 0);
        ObjectNode json = Json.object();
        ObjectNode kdf = json.putObject("kdf").put("name", "scrypt");
        kdf.putObject("params").put("N", WRITTEN_N).put("r", 8).put("p", 1);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        json.putObject("cipher").put("name", "nacl/secretbox").put("nonce", Base64.getEncoder().encodeToString(nonce));
        json.put("ciphertext", Base64.getEncoder().encodeToString(box));
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(JsonNode node, String where) {
        try {
            return Base64.getDecoder().decode(node.asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("Key file " + where + " holds a field that is not base64; expected cosign's encrypted key JSON");
        }
    }
}
