package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The JDK's hashing stream (sha256), which also knows the digest once the stream has been read to its end, and how
 * reading it failed: an upload that breaks can then say whether its source stopped, not the registry it writes to.
 */
final class HashingStream extends DigestInputStream {
    private volatile Digest digest;
    private volatile IOException failure;
    private volatile long read;

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
        try {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return ended(b);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return ended(n);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    private int ended(int read) {
        if (read < 0 && digest == null) {
            digest = Digest.parse("sha256:" + HexFormat.of().formatHex(getMessageDigest().digest()));
        }
        return read;
    }

    /** How reading the source failed, if it did. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** How many bytes were read. */
    long bytesRead() {
        return read;
    }

    /** The digest of everything read, once the stream has been read to its end; empty before. */
    Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }
}
