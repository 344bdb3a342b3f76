package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** A stream that hashes (sha256) what is read through it, and knows the digest once it has been read to its end. */
final class HashingStream extends FilterInputStream {
    private final MessageDigest sha256;
    private volatile Digest digest;

    HashingStream(InputStream in) {
        super(in);
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            finish();
        } else {
            sha256.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            finish();
        } else {
            sha256.update(buffer, offset, n);
        }
        return n;
    }

    private void finish() {
        if (digest == null) {
            digest = Digest.parse("sha256:" + HexFormat.of().formatHex(sha256.digest()));
        }
    }

    /** The digest of everything read, once the stream has been read to its end; empty before. */
    Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }
}
