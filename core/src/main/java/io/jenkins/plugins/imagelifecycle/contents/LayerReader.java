package io.jenkins.plugins.imagelifecycle.contents;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.support.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Reads one layer blob as it streams from the registry, in one pass: its bytes hashed against the layer's
 * digest, decompressed by its media type, its tar entries applied to the merged file system, every regular
 * file hashed. Only the files the inventory needs are kept in memory; nothing is written to disk.
 */
final class LayerReader {
    static final Set<String> GZIP = Set.of("application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.docker.image.rootfs.diff.tar.gzip", "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");
    static final Set<String> ZSTD = Set.of("application/vnd.oci.image.layer.v1.tar+zstd");
    private static final String OCI_TAR = "application/vnd.oci.image.layer.v1.tar";
    static final Set<String> TAR = Set.of(OCI_TAR, "application/vnd.docker.image.rootfs.diff.tar");
    /** A package database larger than this is not an image's: refused rather than held in memory. */
    static final long MAX_CAPTURED = 256L * 1024 * 1024;
    private static final int BUFFER = 64 * 1024;

    private LayerReader() {
    }

    /**
     * @param capture which files' bytes to keep (by path relative to the root)
     */
    static void apply(InputStream blob, String mediaType, Digest layer, LayerSink fs,
                      Predicate<String> capture) {
        String got = read(blob, mediaType, layer.toString(), fs, capture);
        if (!got.equals(layer.toString())) {
            throw new OperationFailedException("Layer " + layer + " does not match its digest: its bytes hash to " + got);
        }
    }

    /**
     * A layer whose digest is not known before it is read (a {@code docker save} archive names its layers
     * only at its end): its entries name {@code label} as their layer, and what its bytes hash to is returned.
     */
    static Digest applyUnnamed(InputStream blob, String label, LayerSink fs, Predicate<String> capture) {
        return Digest.parse(read(blob, OCI_TAR, label, fs, capture));
    }

    /** Streams one layer into {@code fs}; returns the sha256 of its bytes as they came (the blob, not the tar). */
    private static String read(InputStream blob, String mediaType, String layer, LayerSink fs, Predicate<String> capture) {
        if (!GZIP.contains(mediaType) && !ZSTD.contains(mediaType) && !TAR.contains(mediaType)) {
            // refused before a byte is read: the blob is not hashed to say so
            throw new OperationFailedException("Layer " + layer + " cannot be read: media type '" + mediaType
                    + "' is not a layer type; expected one of " + String.join(", ", new java.util.TreeSet<>(union())));
        }
        MessageDigest blobDigest = sha256();
        DigestInputStream raw = new DigestInputStream(blob, blobDigest);
        fs.startLayer();
        // the decompressor and the tar do not close the blob: after a failure what is left of it is still hashed
        InputStream unclosed = new java.io.FilterInputStream(raw) {
            @Override
            public void close() {
                // the caller closes the blob
            }
        };
        try (InputStream decompressed = decompress(unclosed, mediaType);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed)) {
            TarArchiveEntry entry;
            byte[] buffer = new byte[BUFFER];
            while ((entry = tar.getNextEntry()) != null) {
                String path = normalise(entry.getName(), layer);
                if (path == null) {
                    continue;
                }
                Read read = describe(entry, path, layer, tar, buffer, capture);
                fs.apply(read.entry(), read.content());
            }
            // the tar's end may come before the stream's: the digest covers every byte of the blob
            drain(decompressed, buffer);
            drain(raw, buffer);
        } catch (IOException | IllegalArgumentException e) {
            // bytes changed under the layer's digest usually break its compression or its tar first: the rest is hashed so
            // that the message names the cause (the digest) rather than its symptom
            // only a layer named by its digest has one to compare (a docker save archive's layers are named by path)
            String got = Digest.isDigest(layer) ? digestOfTheRest(raw) : null;
            if (got != null && !got.equals(layer)) {
                throw new OperationFailedException("Layer " + layer + " does not match its digest: its bytes hash to " + got, e);
            }
            throw new OperationFailedException("Layer " + layer + " cannot be read: " + Messages.firstLine(e.getMessage(), "unreadable"), e);
        }
        return "sha256:" + HexFormat.of().formatHex(blobDigest.digest());
    }

    /** The digest of the whole blob, reading what is left of it; null when the rest cannot be read either. */
    private static String digestOfTheRest(DigestInputStream raw) {
        try {
            drain(raw, new byte[BUFFER]);
            return "sha256:" + HexFormat.of().formatHex(raw.getMessageDigest().digest());
        } catch (IOException e) {
            return null;
        }
    }

    /** An entry, and its bytes when the inventory keeps them. */
    private record Read(FileEntry entry, byte[] content) {
    }

    private static Read describe(TarArchiveEntry entry, String path, String layer, TarArchiveInputStream tar, byte[] buffer,
                                      Predicate<String> capture) throws IOException {
        int mode = entry.getMode() & 07777;
        if (entry.isSymbolicLink()) {
            return new Read(new FileEntry(path, "symlink", 0, mode, null, layer, entry.getLinkName()), null);
        }
        if (entry.isLink()) {
            return new Read(new FileEntry(path, "hardlink", 0, mode, null, layer, normaliseTarget(entry.getLinkName())), null);
        }
        if (entry.isDirectory()) {
            return new Read(new FileEntry(path, "dir", 0, mode, null, layer, null), null);
        }
        // devices and FIFOs first: commons-compress calls any non-directory entry a file
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || !entry.isFile()) {
            return new Read(new FileEntry(path, "other", 0, mode, null, layer, null), null);
        }
        boolean keep = capture.test(path);
        if (keep && entry.getRealSize() > MAX_CAPTURED) {
            throw new IOException("/" + path + " is " + entry.getRealSize() + " bytes; a package database of at most "
                    + MAX_CAPTURED + " bytes is expected");
        }
        MessageDigest sha = sha256();
        java.io.ByteArrayOutputStream kept = keep ? new java.io.ByteArrayOutputStream() : null;
        long size = 0;
        int n;
        while ((n = tar.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
            size += n;
            if (kept != null) {
                kept.write(buffer, 0, n);
            }
        }
        return new Read(new FileEntry(path, "file", size, mode, HexFormat.of().formatHex(sha.digest()), layer, null),
                kept == null ? null : kept.toByteArray());
    }

    /** The layer's tar, from a blob of a media type {@link #read} has checked: gzip, zstd, or the tar as it is. */
    private static InputStream decompress(InputStream raw, String mediaType) throws IOException {
        if (GZIP.contains(mediaType)) {
            return new GZIPInputStream(raw, BUFFER);
        }
        return ZSTD.contains(mediaType) ? new ZstdCompressorInputStream(raw) : raw;
    }

    private static Set<String> union() {
        java.util.Set<String> all = new java.util.HashSet<>(GZIP);
        all.addAll(ZSTD);
        all.addAll(TAR);
        return all;
    }

    /**
     * A tar entry's name as a path of the image, or null for the root itself. A name that climbs out
     * ({@code ../}) or starts at this machine's root is refused: the layer is not an image's.
     */
    static String normalise(String name, String layer) throws IOException {
        if (name.startsWith("/")) {
            throw new IOException("entry '" + name + "' has an absolute name; expected names relative to the image's root");
        }
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.equals(".")) {
            return null;
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new IOException("entry '" + name + "' climbs out of the image with '..'");
            }
        }
        return n;
    }

    private static String normaliseTarget(String target) {
        String t = target;
        while (t.startsWith("./")) {
            t = t.substring(2);
        }
        return t.startsWith("/") ? t.substring(1) : t;
    }

    private static void drain(InputStream in, byte[] buffer) throws IOException {
        while (in.read(buffer) >= 0) {
            // read to the end, for the digest
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
