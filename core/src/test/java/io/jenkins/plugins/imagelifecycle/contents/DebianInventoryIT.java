package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.AdvisoryOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesComparison;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
        String[] archive = io.jenkins.plugins.imagelifecycle.testing.DebianArchive.ofThisMachine();
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

    @Test
    void advisoriesForPackagesReallyInTheImageOpenAndCloseFindingsAsOsvSpecifies() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog").toString())) {
            SyntheticImages images = new SyntheticImages(catalog, registry.host());
            String repo = pinned.withoutDigest().name().substring(registry.host().length() + 1);
            ImageRecord first = images.record(repo + ":1", pinned.digest().orElseThrow().toString(), Role.BLESSED, null, null, null,
                    Instant.now().minusSeconds(60));
            var contents = new ImageContentsOperation(catalog, registry.client(), Clock.systemUTC());
            ImageInventory inventory = contents.read(first, "tester", RealDocker.quiet());
            // a binary built from a differently named source: Debian's advisories name the source
            InstalledPackage p = inventory.packages().stream().filter(x -> !x.sourceName().equals(x.name())).findFirst().orElseThrow();
            String eco = "Debian:" + inventory.os().versionId().split("\\.")[0];
            String v = p.sourceVersion();
            Path osv = Files.createDirectories(dir.resolve("osv"));
            advisory(osv, "TEST-OPEN", eco, p.sourceName(), "{\"introduced\":\"0\"},{\"fixed\":\"" + v + "+fix1\"}", null);
            advisory(osv, "TEST-FIXED-BELOW", eco, p.sourceName(), "{\"introduced\":\"0\"},{\"fixed\":\"0.1\"}", null);
            advisory(osv, "TEST-LAST-AFFECTED", eco, p.sourceName(), "{\"introduced\":\"0\"},{\"last_affected\":\"" + v + "\"}", null);
            advisory(osv, "TEST-LAST-AFFECTED-BELOW", eco, p.sourceName(), "{\"introduced\":\"0\"},{\"last_affected\":\"0.1\"}", null);
            advisory(osv, "TEST-EPOCH", eco, p.sourceName(), "{\"introduced\":\"0\"},{\"fixed\":\"1:0.1\"}", null);
            advisory(osv, "TEST-VERSIONS", eco, p.sourceName(), null, v);
            advisory(osv, "TEST-OTHER-RELEASE", "Debian:9", p.sourceName(), "{\"introduced\":\"0\"}", null);
            advisory(osv, "TEST-REMOVED", eco, removed, "{\"introduced\":\"0\"}", null);
            Files.writeString(osv.resolve("pypi.json"), "{\"id\":\"PYSEC-1\",\"modified\":\"2026-01-01T00:00:00Z\",\"affected\":"
                    + "[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"requests\"},\"versions\":[\"1.0\"]}]}");

            var advisories = new AdvisoryOperation(catalog, Clock.systemUTC());
            var summary = advisories.importAdvisories(List.of(osv), "tester");

            assertThat(summary.read()).isEqualTo(9);
            assertThat(summary.stored()).isEqualTo(8);
            assertThat(summary.unknownEcosystem()).isEqualTo(1);
            AdvisoryStore store = new AdvisoryStore(catalog);
            assertThat(store.findings(first.digest(), true)).extracting(Finding::advisoryId)
                    .containsExactlyInAnyOrder("TEST-OPEN", "TEST-LAST-AFFECTED", "TEST-EPOCH", "TEST-VERSIONS", "TEST-REMOVED");
            assertThat(store.findings(first.digest(), true)).filteredOn(f -> f.advisoryId().equals("TEST-OPEN")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.installedVersion()).isEqualTo(v);
                        assertThat(f.fixedVersion()).isEqualTo(v + "+fix1");
                        assertThat(f.packageName()).isEqualTo(p.sourceName());
                    });
            assertThat(advisories.importAdvisories(List.of(osv), "tester").unchanged()).as("re-importing changes nothing").isEqualTo(8);
            assertThat(store.findings(first.digest(), false)).hasSize(5);

            // withdrawn: its finding closes, with its event
            advisory(osv, "TEST-OPEN", eco, p.sourceName(), "{\"introduced\":\"0\"}", null, "2026-06-01T00:00:00Z");
            assertThat(advisories.importAdvisories(List.of(osv), "tester").closed()).isEqualTo(1);
            assertThat(store.findings(first.digest(), true)).extracting(Finding::advisoryId).doesNotContain("TEST-OPEN");
            assertThat(catalog.history(first.digest())).extracting(LifecycleEvent::reason)
                    .anySatisfy(r -> assertThat(r).contains("TEST-OPEN").contains("withdrawn"));

            // the rebuild that no longer carries the removed library closes the previous version's finding on it
            ImageRecord rebuilt = images.record(repo + ":2", next.digest().orElseThrow().toString(), Role.BLESSED, null, null, null,
                    Instant.now());
            contents.read(rebuilt, "tester", RealDocker.quiet());
            assertThat(store.findings(rebuilt.digest(), true)).extracting(Finding::advisoryId).doesNotContain("TEST-REMOVED");
            assertThat(store.findings(first.digest(), true)).extracting(Finding::advisoryId).doesNotContain("TEST-REMOVED");
            assertThat(store.findings(first.digest(), false)).filteredOn(f -> f.advisoryId().equals("TEST-REMOVED")).singleElement()
                    .satisfies(f -> assertThat(f.closedBy()).isEqualTo("rebuild " + rebuilt.digest()));
        }
    }

    private static void advisory(Path folder, String id, String ecosystem, String name, String events, String version) throws Exception {
        advisory(folder, id, ecosystem, name, events, version, null);
    }

    /** An OSV advisory file; {@code withdrawn} also makes it newer than the first version of the same id. */
    private static void advisory(Path folder, String id, String ecosystem, String name, String events, String version, String withdrawn)
            throws Exception {
        String affected = "{\"package\":{\"ecosystem\":\"" + ecosystem + "\",\"name\":\"" + name + "\"}"
                + (events == null ? "" : ",\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[" + events + "]}]")
                + (version == null ? "" : ",\"versions\":[\"" + version + "\"]") + "}";
        Files.writeString(folder.resolve(id + ".json"), "{\"schema_version\":\"1.6.0\",\"id\":\"" + id + "\",\"modified\":\""
                + (withdrawn == null ? "2026-01-01T00:00:00Z" : withdrawn) + "\"" + (withdrawn == null ? "" : ",\"withdrawn\":\"" + withdrawn + "\"")
                + ",\"aliases\":[\"CVE-2026-0001\"],\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
                + "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],\"affected\":[" + affected + "]}");
    }
}
