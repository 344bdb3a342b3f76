package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
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
        String[] archive = archive();
        run(List.of("debootstrap", "--variant=minbase", archive[1], root.toString(), archive[0]), 15);
        Path tar = dir.resolve("layer.tar");
        run(List.of("tar", "-C", root.toString(), "--numeric-owner", "-cf", tar.toString(), "."), 5);
        registry = TestRegistry.start();
        ImageRef repo = ImageRef.parse(registry.host() + "/debian/minbase-" + UUID.randomUUID().toString().substring(0, 8));
        Digest layer = sha256(tar);
        registry.client().uploadBlob(repo, layer, Files.size(tar), () -> open(tar));
        pinned = LayeredImages.pushManifest(registry.client(), repo, List.of(new LayeredImages.Uploaded(LayeredImages.TAR, layer,
                Files.size(tar))));
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

        // the OS as the root's own os-release says it (symbolic link and all)
        OsRelease own = OsRelease.parse(Files.readAllBytes(root.resolve("usr/lib/os-release")));
        assertThat(own.id()).isEqualTo("debian");
        assertThat(inventory.os()).isEqualTo(own);
        // every package URL parses back, with the library, to the package's own parts
        assertThat(inventory.packages()).allSatisfy(p -> {
            var purl = new com.github.packageurl.PackageURL(p.purl());
            assertThat(purl.getType()).isEqualTo("deb");
            assertThat(purl.getNamespace()).isEqualTo("debian");
            assertThat(purl.getName()).isEqualTo(p.name());
            assertThat(purl.getVersion()).isEqualTo(p.version());
            assertThat(purl.getQualifiers()).containsEntry("arch", p.architecture()).containsEntry("distro", "debian-" + own.versionId());
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

    /** The Debian archive and suite of this machine's apt sources (deb822 or one-line format): {uri, suite}. */
    private static String[] archive() throws IOException {
        for (Path p : List.of(Path.of("/etc/apt/sources.list.d/debian.sources"), Path.of("/etc/apt/sources.list"))) {
            if (!Files.exists(p)) {
                continue;
            }
            String uri = null;
            for (String line : Files.readAllLines(p)) {
                String l = line.strip();
                if (l.startsWith("URIs:") && !l.contains("security")) {
                    uri = l.substring("URIs:".length()).strip().split("\\s+")[0];
                } else if (l.startsWith("Suites:") && uri != null) {
                    return new String[] {uri, l.substring("Suites:".length()).strip().split("\\s+")[0]};
                } else if (l.startsWith("deb ") && !l.contains("security")) {
                    String[] f = l.split("\\s+");
                    return new String[] {f[1], f[2]};
                }
            }
        }
        throw new IllegalStateException("no Debian archive in this machine's apt sources");
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
