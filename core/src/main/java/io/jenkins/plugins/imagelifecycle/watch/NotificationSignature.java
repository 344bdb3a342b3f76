package io.jenkins.plugins.imagelifecycle.watch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 of a notification's body, for senders that can compute one (a relay in front of the
 * registry, a CI system): {@code X-Image-Lifecycle-Signature: sha256=<hex>}, as GitHub's webhooks sign. Unlike
 * the static header, it binds the secret to this body, so a captured delivery cannot be altered. Compared in
 * constant time.
 */
public final class NotificationSignature {
    public static final String HEADER = "X-Image-Lifecycle-Signature";
    private static final String PREFIX = "sha256=";

    private NotificationSignature() {
    }

    /** The header value for {@code body} signed with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, body));
    }

    /** Whether {@code header} is the signature of {@code body} with {@code secret}; false for a missing or malformed one. */
    public static boolean matches(String secret, byte[] body, String header) {
        if (header == null || !header.strip().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.strip().substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, body), given);
    }

    private static byte[] mac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
