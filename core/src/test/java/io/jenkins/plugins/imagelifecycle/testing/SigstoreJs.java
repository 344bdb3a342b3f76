package io.jenkins.plugins.imagelifecycle.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * sigstore-js (npm {@code sigstore} 3.1.0, whose {@code @sigstore/verify} is what Sigstore's JavaScript clients
 * verify with), installed once into {@code target/sigstore-js} with npm, and a bundle verified by it against one
 * public key: an oracle for our image signatures (a message-signature bundle over the payload) and our DSSE
 * envelopes.
 */
public final class SigstoreJs {
    private static final String VERSION = "3.1.0";
    private static Path modules;

    private SigstoreJs() {
    }

    /** What sigstore-js said: {@code verified} or {@code refused: …}. */
    public static String verify(Path dir, String bundleJson, String publicKeyPem, byte[] artifact) {
        try {
            Path bundle = Files.writeString(Files.createTempFile(dir, "bundle", ".json"), bundleJson);
            Path key = Files.writeString(Files.createTempFile(dir, "key", ".pem"), publicKeyPem);
            Path script = Files.createTempFile(dir, "verify", ".js");
            try (InputStream in = SigstoreJs.class.getResourceAsStream("/sigstore-js/verify.js")) {
                Files.write(script, in.readAllBytes());
            }
            ProcessBuilder pb;
            if (artifact == null) {
                pb = new ProcessBuilder("node", script.toString(), bundle.toString(), key.toString());
            } else {
                Path file = Files.write(Files.createTempFile(dir, "artifact", ""), artifact);
                pb = new ProcessBuilder("node", script.toString(), bundle.toString(), key.toString(), file.toString());
            }
            pb.environment().put("NODE_PATH", modules().toString());
            return run(pb).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bundle (v0.3) holding a message signature over {@code payload}, the key named by hint only. */
    public static String messageSignatureBundle(String keyId, byte[] payload, String base64Signature) {
        try {
            String digest = Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(payload));
            return "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\""
                    + keyId + "\"},\"tlogEntries\":[]},\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\""
                    + digest + "\"},\"signature\":\"" + base64Signature + "\"}}";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle (v0.3) holding a DSSE envelope's payload, type and first signature. */
    public static String dsseBundle(String keyId, String payloadBase64, String payloadType, String signatureBase64) {
        return "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\""
                + keyId + "\"},\"tlogEntries\":[]},\"dsseEnvelope\":{\"payload\":\"" + payloadBase64 + "\",\"payloadType\":\""
                + payloadType + "\",\"signatures\":[{\"sig\":\"" + signatureBase64 + "\",\"keyid\":\"\"}]}}";
    }

    private static synchronized Path modules() throws IOException {
        if (modules != null) {
            return modules;
        }
        Path prefix = Path.of("target", "sigstore-js").toAbsolutePath();
        Path installed = prefix.resolve("node_modules");
        if (!Files.isDirectory(installed.resolve("@sigstore").resolve("verify"))) {
            Files.createDirectories(prefix);
            String out = run(new ProcessBuilder("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                    "sigstore@" + VERSION));
            if (!Files.isDirectory(installed.resolve("@sigstore").resolve("verify"))) {
                throw new IllegalStateException("npm install sigstore@" + VERSION + " failed: " + out);
            }
        }
        modules = installed;
        return modules;
    }

    private static String run(ProcessBuilder pb) throws IOException {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", pb.command()) + " did not finish in 300 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return out;
    }
}
