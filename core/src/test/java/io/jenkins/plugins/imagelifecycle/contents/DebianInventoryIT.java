package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesComparison;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
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
    private static Path nextRoot;
    private static ImageRef next;
    private static String removed;

    @BeforeAll
    static void debianImage() throws Exception {
        root = dir.resolve("root");
        String[] archive = archive();
        RootImages.run(List.of("debootstrap", "--variant=minbase", archive[1], root.toString(), archive[0]), 15);
        registry = TestRegistry.start();
        ImageRef repo = ImageRef.parse(registry.host() + "/debian/minbase-" + UUID.randomUUID().toString().substring(0, 8));
        pinned = RootImages.pushRoot(registry.client(), repo, root);
        nextVersion(repo);
    }

    /**
     * The next version: the same root with one package added (built here with dpkg-deb) and one removed,
     * both by dpkg itself on that root.
     */
    private static void nextVersion(ImageRef repo) throws Exception {
        nextRoot = dir.resolve("next");
        RootImages.run(List.of("cp", "-a", root.toString(), nextRoot.toString()), 2);
        Path pkg = dir.resolve("factory-greeting");
        Files.createDirectories(pkg.resolve("DEBIAN"));
        Files.createDirectories(pkg.resolve("usr/share/factory-greeting"));
        Files.writeString(pkg.resolve("DEBIAN/control"), "Package: factory-greeting\nVersion: 1.0-1\nArchitecture: all\n"
                + "Maintainer: Image Factory <factory@example.invalid>\nDescription: a package the next version adds\n");
        Files.writeString(pkg.resolve("usr/share/factory-greeting/hello"), "hello\n");
        Path deb = dir.resolve("factory-greeting_1.0-1_all.deb");
        RootImages.run(List.of("dpkg-deb", "--root-owner-group", "--build", pkg.toString(), deb.toString()), 1);
        RootImages.run(List.of("dpkg", "--root=" + nextRoot, "-i", deb.toString()), 2);
        // a library no other package of minbase needs by name is not required; any will do, dependencies forced
        removed = RootImages.output(List.of("dpkg-query", "--admindir=" + nextRoot.resolve("var/lib/dpkg"), "-W",
                "-f=${Package} ${Essential} ${Priority}\\n"), 1).lines()
                .filter(l -> l.startsWith("lib") && !l.contains(" yes ") && !l.startsWith("libc6 ") && !l.startsWith("libc-bin "))
                .map(l -> l.substring(0, l.indexOf(' '))).findFirst().orElseThrow();
        RootImages.run(List.of("dpkg", "--root=" + nextRoot, "--force-depends", "--purge", removed), 2);
        next = RootImages.pushRoot(registry.client(), repo, nextRoot);
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

        String oracle = RootImages.run(List.of("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W",
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
        String sources = RootImages.run(List.of("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W",
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

    @Test
    void theNextVersionsListEqualsDpkgQueryAndItsReleaseNotesNameTheAddedAndTheRemovedPackage() throws Exception {
        InventoryReader reader = new InventoryReader(registry.client());
        ImageInventory before = reader.read(pinned);
        ImageInventory after = reader.read(next);

        String oracle = RootImages.run(List.of("dpkg-query", "--admindir=" + nextRoot.resolve("var/lib/dpkg"), "-W",
                "-f=${Package}\\t${Version}\\t${Architecture}\\n"), 1);
        assertThat(after.packages().stream().map(p -> p.name() + "\t" + p.version() + "\t" + p.architecture()).sorted())
                .containsExactlyElementsOf(oracle.lines().sorted().toList());

        var changes = ReleaseNotesComparison.packages(before.packages(), after.packages());
        assertThat(changes.added()).extracting(c -> c.name() + " " + c.after()).containsExactly("factory-greeting 1.0-1");
        assertThat(changes.removed()).extracting(c -> c.name()).containsExactly(removed);
        assertThat(changes.upgraded()).isEmpty();
        assertThat(changes.downgraded()).isEmpty();
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
}
