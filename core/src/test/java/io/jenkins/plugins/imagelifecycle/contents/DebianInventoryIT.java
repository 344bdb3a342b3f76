package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Debian image: a minbase root made by debootstrap from the Debian archive this machine's apt
 * sources name, pushed as an image, read back from the registry. dpkg-query on the same root is the
 * oracle: our package list must equal its own, exactly.
 */
@Tag("integration")
class DebianInventoryIT {
    @TempDir
    static Path dir;
    private static Path root;
    private static TestRegistry registry;
    private static ImageRef pinned;

    @BeforeAll
    static void debianImage() throws Exception {
        root = dir.resolve("root");
        run(List.of("debootstrap", "--variant=minbase", "bookworm", root.toString(), mirror()), 15);
        Path tar = dir.resolve("layer.tar");
        run(List.of("tar", "-C", root.toString(), "--numeric-owner", "-cf", tar.toString(), "."), 5);
        registry = TestRegistry.start();
        ImageRef repo = ImageRef.parse(registry.host() + "/debian/minbase-" + UUID.randomUUID().toString().substring(0, 8));
        Digest layer = sha256(tar);
        registry.client().uploadBlob(repo, layer, Files.size(tar), () -> open(tar));
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        registry.client().uploadBlob(repo, Digest.sha256(config), config.length, () -> new java.io.ByteArrayInputStream(config));
        var manifest = Json.object().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", Digest.sha256(config).toString()).put("size", config.length);
        manifest.putArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar")
                .put("digest", layer.toString()).put("size", Files.size(tar));
        Digest digest = registry.client().putManifest(repo, "12", "application/vnd.oci.image.manifest.v1+json",
                Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        pinned = ImageRef.parse(repo.name() + "@" + digest);
        Files.delete(tar);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void thePackageListEqualsDpkgQueryOnTheSameRootExactly() throws Exception {
        ImageInventory inventory = new InventoryReader(registry.client()).read(pinned);

        String oracle = run(List.of("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W",
                "-f=${Package}\\t${Version}\\t${Architecture}\\n"), 1);
        List<String> expected = oracle.lines().sorted().toList();
        List<String> ours = inventory.packages().stream().map(p -> p.name() + "\t" + p.version() + "\t" + p.architecture())
                .sorted().toList();
        assertThat(ours).hasSizeGreaterThan(50).isEqualTo(expected);

        assertThat(inventory.os().id()).isEqualTo("debian");
        assertThat(inventory.os().versionId()).isEqualTo("12");
        // every package URL parses back, with the library, to the package's own parts
        assertThat(inventory.packages()).allSatisfy(p -> {
            var purl = new com.github.packageurl.PackageURL(p.purl());
            assertThat(purl.getType()).isEqualTo("deb");
            assertThat(purl.getNamespace()).isEqualTo("debian");
            assertThat(purl.getName()).isEqualTo(p.name());
            assertThat(purl.getVersion()).isEqualTo(p.version());
            assertThat(purl.getQualifiers()).containsEntry("arch", p.architecture()).containsEntry("distro", "debian-12");
        });
        // source packages as dpkg-query reports them (its ${source:Package} is the binary's own name when there is none)
        String sources = run(List.of("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W",
                "-f=${Package}\\t${source:Package}\\t${source:Version}\\n"), 1);
        assertThat(inventory.packages().stream().map(p -> p.name() + "\t" + p.sourceName() + "\t" + p.sourceVersion()).sorted())
                .containsExactlyElementsOf(sources.lines().sorted().toList());
        // the file manifest holds every regular file of the root
        List<String> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString()).sorted().toList();
        }
        assertThat(inventory.files().stream().filter(f -> f.isRegularFile() || f.type().equals("hardlink"))
                .map(FileEntry::path).sorted().toList()).isEqualTo(files);
    }

    /** The Debian archive of this machine's apt sources (deb822 or one-line format). */
    private static String mirror() throws IOException {
        for (Path p : List.of(Path.of("/etc/apt/sources.list.d/debian.sources"), Path.of("/etc/apt/sources.list"))) {
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String l = line.strip();
                if (l.startsWith("URIs:") && !l.contains("security")) {
                    return l.substring("URIs:".length()).strip().split("\\s+")[0];
                }
                if (l.startsWith("deb ") && !l.contains("security")) {
                    return l.split("\\s+")[1];
                }
            }
        }
        return "http://deb.debian.org/debian";
    }

    private static String run(List<String> command, int minutes) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(minutes, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }

    private static Digest sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
