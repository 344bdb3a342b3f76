package io.jenkins.plugins.imagelifecycle.contents;

import static io.jenkins.plugins.imagelifecycle.contents.LayeredImages.Entry.dir;
import static io.jenkins.plugins.imagelifecycle.contents.LayeredImages.Entry.file;
import static io.jenkins.plugins.imagelifecycle.contents.LayeredImages.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contents read from a real registry, layer by layer: whiteouts, package databases, and layers that are not an image's. */
@Tag("integration")
class InventoryReaderIT {
    private static TestRegistry registry;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path catalogDir;

    @BeforeAll
    static void start() {
        registry = TestRegistry.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private ImageRef repo(String name) {
        return ImageRef.parse(registry.host() + "/contents/" + name + "-" + unique);
    }

    private static String status(String... stanzas) {
        return String.join("\n", stanzas) + "\n";
    }

    private static String pkg(String name, String version, String source) {
        return "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\n"
                + (source == null ? "" : "Source: " + source + "\n") + "Version: " + version + "\nDescription: test\n multi-line\n";
    }

    @Test
    void theInventoryIsTheFinalFileSystemAfterWhiteoutsAndARewrittenDatabase() {
        var base = LayeredImages.layer(LayeredImages.GZIP,
                dir("etc"), file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"),
                file("var/lib/dpkg/status", status(pkg("alpha", "1.0-1", null), pkg("beta", "2:2.0~rc1-3", null))),
                file("usr/share/doc/alpha/copyright", "alpha"), file("tmp/old/x", "old"), file("keep/me", "kept"));
        var change = LayeredImages.layer(LayeredImages.ZSTD,
                file("usr/share/doc/.wh.alpha", ""), file("tmp/old/.wh..wh..opq", ""), file("tmp/old/new", "new"),
                file("var/lib/dpkg/status", status(pkg("beta", "2:2.0-1", null),
                        pkg("libgamma1", "1.2-1+b1", "gamma (1.2-1)"))));
        var os = LayeredImages.layer(LayeredImages.TAR,
                file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"13\"\nPRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\n"),
                symlink("etc/os-release", "../usr/lib/os-release"));
        ImageRef pinned = LayeredImages.push(registry.client(), repo("layers"), base, change, os);

        ImageInventory inv = new InventoryReader(registry.client()).read(pinned);

        assertThat(inv.os()).isEqualTo(new OsRelease("debian", "13", "Debian GNU/Linux 13 (trixie)"));
        assertThat(inv.packages()).extracting(InstalledPackage::name, InstalledPackage::version, InstalledPackage::sourceName,
                InstalledPackage::sourceVersion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("beta", "2:2.0-1", "beta", "2:2.0-1"),
                org.assertj.core.groups.Tuple.tuple("libgamma1", "1.2-1+b1", "gamma", "1.2-1"));
        assertThat(inv.packages().get(1).purl()).isEqualTo("pkg:deb/debian/libgamma1@1.2-1%2Bb1?arch=amd64&distro=debian-13");
        List<String> paths = inv.files().stream().map(FileEntry::path).toList();
        assertThat(paths).contains("keep/me", "tmp/old/new", "var/lib/dpkg/status")
                .doesNotContain("usr/share/doc/alpha", "usr/share/doc/alpha/copyright", "tmp/old/x")
                .noneMatch(p -> p.contains(".wh."));
        FileEntry kept = inv.files().stream().filter(f -> f.path().equals("keep/me")).findFirst().orElseThrow();
        assertThat(kept.sha256()).isEqualTo(Digest.sha256("kept".getBytes(StandardCharsets.UTF_8)).hex());
        assertThat(kept.layer()).isEqualTo(base.digest().toString());
        FileEntry status = inv.files().stream().filter(f -> f.path().equals("var/lib/dpkg/status")).findFirst().orElseThrow();
        assertThat(status.layer()).isEqualTo(change.digest().toString());
        assertThat(inv.layers()).containsExactly(base.digest().toString(), change.digest().toString(), os.digest().toString());
    }

    /**
     * Real apk cannot run here, so the database is a file written in apk's documented format
     * (lib/apk/db/installed: one record per package, one-letter keys), as README's table says.
     */
    @Test
    void anAlpineImagesApkDatabaseIsReadInItsDocumentedFormat() {
        String installed = """
                C:Q1+jh2pHQ3Chg5ShXzuGJ8z0w1nF0=
                P:musl
                V:1.2.5-r0
                A:x86_64
                S:383152
                I:622592
                T:the musl c library (libc) implementation
                U:https://musl.libc.org/
                L:MIT
                o:musl
                m:Natanael Copa <ncopa@alpinelinux.org>
                t:1712163624
                F:lib
                R:ld-musl-x86_64.so.1
                a:0:0:755
                Z:Q1pnXhTNHWj4Sf2oMJDxGczQ1xFdI=

                C:Q1Ys0nwcjwVj3hEBzCvr+CCoXlaPs=
                P:libcrypto3
                V:3.3.2-r0
                A:x86_64
                L:Apache-2.0
                o:openssl
                D:so:libc.musl-x86_64.so.1
                """;
        var layer = LayeredImages.layer(LayeredImages.GZIP,
                file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.1\nPRETTY_NAME=\"Alpine Linux v3.20\"\n"),
                file("lib/apk/db/installed", installed));
        ImageRef pinned = LayeredImages.push(registry.client(), repo("alpine"), layer);
        ImageInventory inv = new InventoryReader(registry.client()).read(pinned);
        assertThat(inv.packages()).extracting(InstalledPackage::ecosystem, InstalledPackage::name, InstalledPackage::version,
                InstalledPackage::architecture, InstalledPackage::sourceName, InstalledPackage::license).containsExactly(
                org.assertj.core.groups.Tuple.tuple("apk", "musl", "1.2.5-r0", "x86_64", "musl", "MIT"),
                org.assertj.core.groups.Tuple.tuple("apk", "libcrypto3", "3.3.2-r0", "x86_64", "openssl", "Apache-2.0"));
        assertThat(inv.packages().get(0).purl()).isEqualTo("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.1");
    }

    @Test
    void contentsAreRecordedWithTheirEventAndTheFileManifestComesBack() throws Exception {
        var layer = LayeredImages.layer(LayeredImages.GZIP, file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.1\n"),
                file("bin/tool", "#!/bin/sh\n"));
        ImageRef pinned = LayeredImages.push(registry.client(), repo("recorded"), layer);
        try (Catalog catalog = Catalog.open(catalogDir.toString())) {
            ImageRecord image = record(catalog, pinned);
            new ImageContentsOperation(catalog, registry.client(), Clock.systemUTC()).read(image, "tester", RealDocker.quiet());
            ContentsStore store = new ContentsStore(catalog);
            assertThat(store.summary(image.digest())).get().satisfies(s -> {
                assertThat(s.readable()).isTrue();
                assertThat(s.os().id()).isEqualTo("alpine");
                assertThat(s.fileCount()).isEqualTo(2);
            });
            assertThat(store.files(image.digest())).extracting(FileEntry::path).contains("bin/tool", "etc/os-release");
            assertThat(catalog.history(image.digest())).extracting(LifecycleEvent::action)
                    .endsWith(ImageContentsOperation.ACTION, ImageContentsOperation.SBOM);

            // the SBOM travels beside the image: one CycloneDX 1.6 statement about this digest, the library's own parser accepts it
            AttestationStore attestations = new AttestationStore(registry.client());
            List<AttestationStore.Attestation> sboms = attestations.list(pinned.withoutDigest(), pinned.digest().orElseThrow()).stream()
                    .filter(a -> a.predicateType().equals("https://cyclonedx.org/bom")).toList();
            assertThat(sboms).hasSize(1);
            var statement = Json.read(attestations.read(pinned.withoutDigest(), sboms.get(0)));
            assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(pinned.digest().orElseThrow().hex());
            assertThat(statement.at("/predicate/specVersion").asText()).isEqualTo("1.6");
            assertThat(new org.cyclonedx.parsers.JsonParser().validate(Json.write(statement.path("predicate")),
                    org.cyclonedx.Version.VERSION_16)).isEmpty();
            assertThat(statement.at("/predicate/components/0/type").asText()).isEqualTo("operating-system");
            // reading again attests nothing new
            new ImageContentsOperation(catalog, registry.client(), Clock.systemUTC()).read(image, "tester", RealDocker.quiet());
            assertThat(attestations.list(pinned.withoutDigest(), pinned.digest().orElseThrow())).hasSize(1);
        }
    }

    @Test
    void layersThatAreNotAnImagesAreRefusedNamingTheLayerAndRecordedAsFailures() throws Exception {
        byte[] garbage = "this is not gzip at all".getBytes(StandardCharsets.UTF_8);
        var corrupt = new LayeredImages.Layer(LayeredImages.GZIP, garbage);
        byte[] full = LayeredImages.tar(file("a", "x".repeat(5000)));
        var truncated = new LayeredImages.Layer(LayeredImages.TAR, Arrays.copyOf(full, 1200));
        var unknownType = new LayeredImages.Layer("application/vnd.example.layer.v1+squashfs", LayeredImages.tar(file("a", "x")));
        var climbs = LayeredImages.layer(LayeredImages.TAR, file("../../etc/passwd", "root"));
        var absolute = LayeredImages.layer(LayeredImages.TAR, file("/etc/passwd", "root"));
        var loop = LayeredImages.layer(LayeredImages.TAR, symlink("etc/os-release", "os-release2"), symlink("etc/os-release2", "os-release"));
        record Case(String name, LayeredImages.Layer layer, String message) {
        }
        List<Case> cases = List.of(new Case("corrupt", corrupt, "Not in GZIP format"), new Case("truncated", truncated, "cannot be read"),
                new Case("unknown", unknownType, "is not a layer type"), new Case("climbs", climbs, "climbs out"),
                new Case("absolute", absolute, "absolute name"), new Case("loop", loop, "Symbolic link loop"));
        try (Catalog catalog = Catalog.open(catalogDir.toString())) {
            for (Case c : cases) {
                ImageRef pinned = LayeredImages.push(registry.client(), repo(c.name()), c.layer());
                ImageRecord image = record(catalog, pinned);
                var operation = new ImageContentsOperation(catalog, registry.client(), Clock.systemUTC());
                Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> operation.read(image, "tester", RealDocker.quiet()));
                var thrown = assertThat(failure).as(c.name()).isInstanceOf(OperationFailedException.class)
                        .hasMessageContaining(c.message());
                if (!c.name().equals("loop")) {
                    thrown.hasMessageContaining(c.layer().digest().toString());
                }
                ContentsStore store = new ContentsStore(catalog);
                assertThat(store.summary(image.digest())).get().satisfies(s -> assertThat(s.readable()).as(c.name()).isFalse());
                assertThat(store.packages(image.digest())).isEmpty();
                assertThat(catalog.history(image.digest())).extracting(LifecycleEvent::action).endsWith(ImageContentsOperation.FAILED);
            }
        }
    }

    @Test
    void aBlobWhoseBytesDoNotMatchItsDigestIsRefusedNamingBoth() throws Exception {
        var layer = LayeredImages.layer(LayeredImages.TAR, file("etc/motd", "hello world"));
        ImageRef pinned = LayeredImages.push(registry.client(), repo("tampered"), layer);
        String hex = layer.digest().hex();
        Path data = registry.storage().resolve("docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
        byte[] bytes = Files.readAllBytes(data);
        byte[] tampered = LayeredImages.tar(file("etc/motd", "HELLO WORLD"));
        assertThat(tampered).hasSize(bytes.length);
        Files.write(data, tampered);
        assertThatThrownBy(() -> new InventoryReader(registry.client()).read(pinned))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("Layer " + layer.digest() + " does not match its digest")
                .hasMessageContaining("sha256:" + Digest.sha256(tampered).hex());
    }

    /**
     * A 2 GiB file that is almost all holes, written by GNU tar as a sparse entry: the layer blob is a few
     * hundred bytes, yet the inventory must stream the whole logical file (holes as zeros) through the hash
     * without buffering it. The oracle is sha256sum over the sparse file on disk.
     */
    @Test
    void aTwoGibSparseFileEntryIsStreamedWithItsHolesAsZeros(@TempDir Path work) throws Exception {
        long twoGib = 2L * 1024 * 1024 * 1024;
        Path root = Files.createDirectories(work.resolve("root"));
        Path sparse = root.resolve("disk.img");
        run(work, "truncate", "-s", "2G", sparse.toString());
        try (var file = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            // a few real bytes at the start, inside, and ending exactly at the last byte
            for (long offset : new long[] {0, 123_456_789, 1_500_000_000, twoGib - 16}) {
                file.seek(offset);
                file.write(String.format("data@%011d", offset).getBytes(StandardCharsets.UTF_8));
            }
        }
        Path layerFile = work.resolve("layer.tar.gz");
        // --format=gnu: the old GNU sparse header ('S'). The same entry written with --format=posix is refused:
        // commons-compress 1.28 parses a PAX sparse entry's GNU.sparse.realsize as an int (docs/image-contents.md)
        run(work, "tar", "--sparse", "--format=gnu", "-czf", layerFile.toString(), "-C", root.toString(), "disk.img");
        // the oracle hashes the 2 GiB on disk while the inventory reads them from the registry: two cores, half the wait
        Process oracle = new ProcessBuilder("sha256sum", sparse.toString()).redirectErrorStream(true).start();
        ImageInventory inv;
        String expected;
        try {
            var layer = new LayeredImages.Layer(LayeredImages.GZIP, Files.readAllBytes(layerFile));
            assertThat(layer.blob().length).as("the sparse layer's blob").isLessThan(64 * 1024);
            ImageRef pinned = LayeredImages.push(registry.client(), repo("sparse"), layer);

            inv = new InventoryReader(registry.client()).read(pinned);

            expected = new String(oracle.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s+")[0];
            assertThat(oracle.waitFor()).as("sha256sum").isZero();
        } finally {
            oracle.destroy();
        }
        assertThat(inv.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("disk.img");
            assertThat(f.type()).isEqualTo("file");
            assertThat(f.size()).isEqualTo(twoGib);
            assertThat(f.sha256()).isEqualTo(expected);
        });
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private ImageRecord record(Catalog catalog, ImageRef pinned) {
        String name = pinned.withoutDigest().name().substring(registry.host().length() + 1);
        return new SyntheticImages(catalog, registry.host()).record(name + ":1", pinned.digest().orElseThrow().toString(),
                Role.AUGMENTED, null, null, null, Instant.now());
    }
}
