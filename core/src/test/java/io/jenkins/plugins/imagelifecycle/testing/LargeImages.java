package io.jenkins.plugins.imagelifecycle.testing;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.MediaTypes;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An image of one large layer of pseudo-random bytes (incompressible, the same for the same seed), written straight
 * through the registry API and streamed, never held in memory: for a fault that must land while a layer streams.
 */
public final class LargeImages {
    private LargeImages() {
    }

    /** The pushed image's manifest digest and its layer's digest. */
    public record Pushed(Digest manifest, Digest layer) {
    }

    public static Pushed push(RegistryClient client, ImageRef ref, long layerBytes, long seed) {
        Digest layer = digestOf(layerBytes, seed);
        client.uploadBlob(ref, layer, layerBytes, () -> randomBytes(layerBytes, seed));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layer
                + "\"]},\"comment\":\"large-" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        client.uploadBlob(ref, configDigest, config.length, () -> new ByteArrayInputStream(config));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layer + "\",\"size\":"
                + layerBytes + "}]}").getBytes(StandardCharsets.UTF_8);
        return new Pushed(client.putManifest(ref, ref.tagOrLatest(), MediaTypes.OCI_MANIFEST, manifest), layer);
    }

    private static Digest digestOf(long bytes, long seed) {
        try (DigestInputStream in = new DigestInputStream(randomBytes(bytes, seed), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Digest.parse("sha256:" + HexFormat.of().formatHex(in.getMessageDigest().digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code bytes} pseudo-random bytes from {@code seed}, made as they are read. Each byte is a function of its position
     * (SplitMix64 of the seed and the 8-byte word it falls in), so the bytes are the same however they are read.
     */
    private static InputStream randomBytes(long bytes, long seed) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < bytes ? byteAt(position++) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= bytes) {
                    return -1;
                }
                int n = (int) Math.min(len, bytes - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) byteAt(position + i);
                }
                position += n;
                return n;
            }

            private int byteAt(long p) {
                long z = seed + (p >>> 3) * 0x9E3779B97F4A7C15L;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                return (int) (z >>> (8 * (p & 7))) & 0xff;
            }
        };
    }
}
