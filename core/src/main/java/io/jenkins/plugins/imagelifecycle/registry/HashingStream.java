package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The JDK's hashing stream (sha256), which also knows the digest once the stream has been read to its end. */
final class HashingStream extends DigestInputStream {
    private volatile Digest digest;

    HashingStream(InputStream in) {
        super(in, sha256());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        return ended(super.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return ended(super.read(buffer, offset, length));
    }

    private int ended(int read) {
        if (read < 0 && digest == null) {
            digest = Digest.parse("sha256:" + HexFormat.of().formatHex(getMessageDigest().digest()));
        }
        return read;
    }

    /** The digest of everything read, once the stream has been read to its end; empty before. */
    Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }
}
