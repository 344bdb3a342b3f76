package io.jenkins.plugins.imagelifecycle.releasenotes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.contents.FileEntry;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource.Commit;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.PackageChange;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.Side;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.TestChange;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Release notes from two stored inventories; the catalog and the command line are exercised in ReleaseNotesCommandIT. */
class ReleaseNotesComparisonTest {
    private static final Side OLD = new Side("r/app:1", "sha256:aaa", "2026-11-01T00:00:00Z", "c1", "sha256:base1", "Debian 12", "12",
            3, 100, 4, 3);
    private static final Side NEW = new Side("r/app:2", "sha256:bbb", "2026-11-02T00:00:00Z", "c2", "sha256:base2", "Debian 12", "12.1",
            4, 150, 4, 3);

    @Test
    void packagesAreOrderedByEachEcosystemsOwnRules() {
        var before = List.of(deb("libssl3", "3.0.11-1~deb12u1"), deb("tzdata", "2:2024a-0"), deb("gone", "1.0"),
                rpm("openssl-libs", "1:3.0.7-27.el9"), apk("musl", "1.2.5_rc1-r0"));
        var after = List.of(deb("libssl3", "3.0.11-1"), deb("tzdata", "1:2025a-0"), deb("fresh", "0.1"),
                rpm("openssl-libs", "1:3.0.7-27.el9_4"), apk("musl", "1.2.5-r0"));

        ReleaseNotes.PackageChanges changes = ReleaseNotesComparison.packages(before, after);

        // ~ sorts before the end (dpkg), a longer release is newer (rpm), _rc before the release (apk)
        assertThat(changes.upgraded()).extracting(PackageChange::name).containsExactly("musl", "libssl3", "openssl-libs");
        // a lower epoch is older whatever follows it
        assertThat(changes.downgraded()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("tzdata");
            assertThat(p.before()).isEqualTo("2:2024a-0");
            assertThat(p.after()).isEqualTo("1:2025a-0");
        });
        assertThat(changes.added()).extracting(PackageChange::name, PackageChange::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fresh", "0.1"));
        assertThat(changes.removed()).extracting(PackageChange::name, PackageChange::before).containsExactly(
                org.assertj.core.groups.Tuple.tuple("gone", "1.0"));
    }

    @Test
    void packagesOfTheSameNameOnTwoArchitecturesAreKeptApart() {
        var before = List.of(deb("libc6", "2.36-9", "amd64"), deb("libc6", "2.36-9", "i386"));
        var after = List.of(deb("libc6", "2.36-9+deb12u4", "amd64"), deb("libc6", "2.36-9", "i386"));
        assertThat(ReleaseNotesComparison.packages(before, after).upgraded()).extracting(PackageChange::architecture)
                .containsExactly("amd64");
    }

    @Test
    void testsAddedRemovedAndChangingOutcome() {
        var changes = ReleaseNotesComparison.tests(Map.of("cst.command.shell", "passed", "cst.file.gone", "passed", "cst.file.flaky", "passed"),
                Map.of("cst.command.shell", "passed", "cst.file.flaky", "failed", "cst.metadata.new", "passed"));
        assertThat(changes.added()).extracting(TestChange::name).containsExactly("cst.metadata.new");
        assertThat(changes.removed()).extracting(TestChange::name).containsExactly("cst.file.gone");
        assertThat(changes.changed()).extracting(TestChange::name, TestChange::before, TestChange::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cst.file.flaky", "passed", "failed"));
    }

    @Test
    void filesCountedAndTheLargestChangesNamedWhateverLayerWroteThem() {
        var before = List.of(file("etc/hostname", 10, "h1", "sha256:l1"), file("usr/lib/big.so", 1000, "b1", "sha256:l1"),
                file("tmp/gone", 50, "g", "sha256:l1"), file("etc/same", 5, "s", "sha256:l1"));
        var after = List.of(file("etc/hostname", 10, "h2", "sha256:l2"), file("usr/lib/big.so", 4000, "b2", "sha256:l2"),
                file("opt/new", 7, "n", "sha256:l2"), file("etc/same", 5, "s", "sha256:l2"));

        ReleaseNotes.FileChanges files = ReleaseNotesComparison.files(before, after);

        assertThat(files.added()).isEqualTo(1);
        assertThat(files.removed()).isEqualTo(1);
        assertThat(files.changed()).isEqualTo(2);
        assertThat(files.largest()).extracting(ReleaseNotes.FileChange::path)
                .containsExactly("usr/lib/big.so", "tmp/gone", "opt/new", "etc/hostname");
    }

    @Test
    void markdownNamesEveryChangeAndEscapesWhatImagesAndCommitsCarry() {
        var a = new ReleaseNotesComparison.Inventory(OLD, List.of(deb("bash", "5.2.15-2")), List.of(), Map.of());
        var b = new ReleaseNotesComparison.Inventory(NEW, List.of(deb("bash", "5.2.15-2+b2")), List.of(), Map.of());
        ReleaseNotes notes = ReleaseNotesComparison.compare(a, b, List.of(new Commit("0123456789abcdef0123", "Fix <script> in *app*")));

        String md = ReleaseNotesMarkdown.render(notes);
        assertThat(md).contains("# Release notes: `r/app:2`").contains("Changed: `sha256:base1` → `sha256:base2`")
                .contains("OS: Debian 12 12 → Debian 12 12.1").contains("### Upgraded (1)").contains("bash (amd64) `5.2.15-2` → `5.2.15-2+b2`")
                .contains("`0123456789ab` Fix \\<script\\> in \\*app\\*").contains("Layers: 3 → 4");
        assertThat(md).doesNotContain("<script>");

        // the JSON contract: the field names docs/cli-json.md documents
        var json = Json.read(Json.write(notes));
        assertThat(json.path("image").path("digest").asText()).isEqualTo("sha256:bbb");
        assertThat(json.path("since").path("digest").asText()).isEqualTo("sha256:aaa");
        assertThat(json.path("base").path("changed").asBoolean()).isTrue();
        assertThat(json.path("packages").path("upgraded").get(0).path("after").asText()).isEqualTo("5.2.15-2+b2");
        assertThat(json.path("source").path("commits").get(0).path("subject").asText()).isEqualTo("Fix <script> in *app*");
        assertThat(json.path("files").path("largest").isArray()).isTrue();
    }

    @Test
    void withoutTheRepositoryOnlyTheTwoCommitIdsAreKnown() {
        var a = new ReleaseNotesComparison.Inventory(OLD, List.of(), List.of(), Map.of());
        var b = new ReleaseNotesComparison.Inventory(NEW, List.of(), List.of(), Map.of());
        ReleaseNotes notes = ReleaseNotesComparison.compare(a, b, null);
        assertThat(notes.source().commits()).isNull();
        assertThat(ReleaseNotesMarkdown.render(notes)).contains("`c1` → `c2` (the repository holding both was not at hand)")
                .contains("No package changed.");
    }

    private static InstalledPackage deb(String name, String version) {
        return deb(name, version, "amd64");
    }

    private static InstalledPackage deb(String name, String version, String arch) {
        return new InstalledPackage("deb", name, version, arch, name, version, null, null);
    }

    private static InstalledPackage rpm(String name, String version) {
        return new InstalledPackage("rpm", name, version, "x86_64", name, version, null, null);
    }

    private static InstalledPackage apk(String name, String version) {
        return new InstalledPackage("apk", name, version, "x86_64", name, version, null, null);
    }

    private static FileEntry file(String path, long size, String sha, String layer) {
        return new FileEntry(path, "file", size, 0644, sha, layer, null);
    }
}
