package io.jenkins.plugins.imagelifecycle.signing;

import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Arrays;

/**
 * NaCl's secretbox (XSalsa20 and Poly1305), from BouncyCastle's primitives, as Go's
 * {@code golang.org/x/crypto/nacl/secretbox} lays it out: the tag (16 bytes) and then the ciphertext. The
 * first 32 bytes of the key stream are the Poly1305 key; the message is enciphered from byte 32 on.
 */
final class SecretBox {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 24;
    private static final int TAG_BYTES = 16;

    private SecretBox() {
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = macKey(stream);
        byte[] out = new byte[TAG_BYTES + message.length];
        stream.processBytes(message, 0, message.length, out, TAG_BYTES);
        tag(macKey, out, TAG_BYTES, message.length, out);
        return out;
    }

    /** @return the message, or null when the box was not sealed with this key and nonce (or was altered) */
    static byte[] open(byte[] key, byte[] nonce, byte[] box) {
        if (box.length < TAG_BYTES) {
            return null;
        }
        XSalsa20Engine stream = stream(key, nonce);
        byte[] macKey = macKey(stream);
        byte[] expected = new byte[TAG_BYTES];
        tag(macKey, box, TAG_BYTES, box.length - TAG_BYTES, expected);
        if (!Arrays.constantTimeAreEqual(expected, Arrays.copyOf(box, TAG_BYTES))) {
            return null;
        }
        byte[] message = new byte[box.length - TAG_BYTES];
        stream.processBytes(box, TAG_BYTES, message.length, message, 0);
        return message;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("secretbox takes a 32-byte key and a 24-byte nonce");
        }
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return stream;
    }

    private static byte[] macKey(XSalsa20Engine stream) {
        byte[] macKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, macKey, 0);
        return macKey;
    }

    private static void tag(byte[] macKey, byte[] data, int offset, int length, byte[] out) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        mac.update(data, offset, length);
        mac.doFinal(out, 0);
    }
}
