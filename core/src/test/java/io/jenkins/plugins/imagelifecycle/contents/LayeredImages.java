package io.jenkins.plugins.imagelifecycle.contents;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Images pushed layer by layer, with the tar entries and layer media types a test chooses. */
public final class LayeredImages {
    public static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String TAR = "application/vnd.oci.image.layer.v1.tar";

    /** A tar entry: a file (content), a folder (content null, dir true) or a symbolic link (link). */
    public record Entry(String name, byte[] content, boolean dir, String link) {
        public static Entry file(String name, String content) {
            return new Entry(name, content.getBytes(StandardCharsets.UTF_8), false, null);
        }

        public static Entry dir(String name) {
            return new Entry(name, null, true, null);
        }

        public static Entry symlink(String name, String target) {
            return new Entry(name, null, false, target);
        }
    }

    public record Layer(String mediaType, byte[] blob) {
        Digest digest() {
            return Digest.sha256(blob);
        }
    }

    public static Layer layer(String mediaType, Entry... entries) {
        return new Layer(mediaType, compress(mediaType, tar(entries)));
    }

    static byte[] tar(Entry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t;
                if (e.link() != null) {
                    t = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_SYMLINK);
                    t.setLinkName(e.link());
                } else if (e.dir()) {
                    t = new TarArchiveEntry(e.name().endsWith("/") ? e.name() : e.name() + "/");
                } else {
                    // preserveAbsolutePath: a test may write the absolute names a hostile layer carries
                    t = new TarArchiveEntry(e.name(), true);
                    t.setSize(e.content().length);
                    t.setMode(0100644);
                }
                tar.putArchiveEntry(t);
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    static byte[] compress(String mediaType, byte[] tar) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (mediaType.endsWith("+gzip")) {
                try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                    gz.write(tar);
                }
            } else if (mediaType.endsWith("+zstd")) {
                try (ZstdCompressorOutputStream z = new ZstdCompressorOutputStream(bytes)) {
                    z.write(tar);
                }
            } else {
                return tar;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** A layer already uploaded: what the manifest says of it. */
    record Uploaded(String mediaType, Digest digest, long size) {
    }

    /** A Debian 12 image of one layer: its os-release and a dpkg status with the given records. */
    public static ImageRef pushDebian(RegistryClient registry, ImageRef repo, String dpkgStatus) {
        return push(registry, repo, layer(GZIP, Entry.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
                Entry.file("var/lib/dpkg/status", dpkgStatus)));
    }

    /** Pushes the layers and a manifest naming them (blob bytes as given); returns {@code repo@digest}. */
    public static ImageRef push(RegistryClient registry, ImageRef repo, Layer... layers) {
        List<Uploaded> uploaded = new ArrayList<>();
        List<Digest> seen = new ArrayList<>();
        for (Layer l : layers) {
            if (!seen.contains(l.digest())) {
                upload(registry, repo, l.blob());
                seen.add(l.digest());
            }
            uploaded.add(new Uploaded(l.mediaType(), l.digest(), l.blob().length));
        }
        return pushManifest(registry, repo, uploaded);
    }

    /** A config and a manifest naming layers already in the repository; returns {@code repo@digest}. */
    static ImageRef pushManifest(RegistryClient registry, ImageRef repo, List<Uploaded> layers) {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        upload(registry, repo, config);
        var manifest = Json.object().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", Digest.sha256(config).toString()).put("size", config.length);
        var list = manifest.putArray("layers");
        for (Uploaded l : layers) {
            list.addObject().put("mediaType", l.mediaType()).put("digest", l.digest().toString()).put("size", l.size());
        }
        byte[] bytes = Json.write(manifest).getBytes(StandardCharsets.UTF_8);
        Digest digest = registry.putManifest(repo, "1", "application/vnd.oci.image.manifest.v1+json", bytes);
        return ImageRef.parse(repo.name() + "@" + digest);
    }

    private static void upload(RegistryClient registry, ImageRef repo, byte[] blob) {
        registry.uploadBlob(repo, Digest.sha256(blob), blob.length, () -> new ByteArrayInputStream(blob));
    }
}
