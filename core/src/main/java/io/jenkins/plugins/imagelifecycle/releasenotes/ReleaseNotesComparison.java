package io.jenkins.plugins.imagelifecycle.releasenotes;

import io.jenkins.plugins.imagelifecycle.contents.FileEntry;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.PackageVersions;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource.Commit;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.BaseChange;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.FileChange;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.FileChanges;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.PackageChange;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.PackageChanges;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.Side;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.SourceChanges;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.TestChange;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.TestChanges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Release notes from two stored inventories: a comparison of what each carries, no registry or engine involved. */
public final class ReleaseNotesComparison {
    /** How many of the largest file changes the notes name. */
    public static final int LARGEST = 10;

    /** What is known of one image: its side of the notes, its packages, files and test outcomes. */
    public record Inventory(Side side, List<InstalledPackage> packages, List<FileEntry> files, Map<String, String> tests) {
    }

    private ReleaseNotesComparison() {
    }

    /** @param commits the commits between the two source commits, or null when the repository was not at hand */
    public static ReleaseNotes compare(Inventory since, Inventory image, List<Commit> commits) {
        Side a = since.side();
        Side b = image.side();
        BaseChange base = new BaseChange(!Objects.equals(a.baseDigest(), b.baseDigest()), a.baseDigest(), b.baseDigest(),
                a.osVersion(), b.osVersion());
        return new ReleaseNotes(b, a, base, packages(since.packages(), image.packages()),
                new SourceChanges(a.sourceCommit(), b.sourceCommit(), commits), tests(since.tests(), image.tests()),
                files(since.files(), image.files()));
    }

    /** The package changes alone: added, removed, and upgraded or downgraded by each ecosystem's own version order. */
    public static PackageChanges packages(List<InstalledPackage> before, List<InstalledPackage> after) {
        Map<String, InstalledPackage> old = byKey(before);
        Map<String, InstalledPackage> now = byKey(after);
        List<PackageChange> added = new ArrayList<>();
        List<PackageChange> removed = new ArrayList<>();
        List<PackageChange> upgraded = new ArrayList<>();
        List<PackageChange> downgraded = new ArrayList<>();
        now.forEach((key, p) -> {
            InstalledPackage was = old.get(key);
            if (was == null) {
                added.add(new PackageChange(p.ecosystem(), p.name(), p.architecture(), null, p.version()));
                return;
            }
            int order = PackageVersions.compare(p.ecosystem(), was.version(), p.version());
            if (order < 0) {
                upgraded.add(new PackageChange(p.ecosystem(), p.name(), p.architecture(), was.version(), p.version()));
            } else if (order > 0) {
                downgraded.add(new PackageChange(p.ecosystem(), p.name(), p.architecture(), was.version(), p.version()));
            }
        });
        old.forEach((key, p) -> {
            if (!now.containsKey(key)) {
                removed.add(new PackageChange(p.ecosystem(), p.name(), p.architecture(), p.version(), null));
            }
        });
        return new PackageChanges(added, removed, upgraded, downgraded);
    }

    /** By ecosystem, name and architecture (a multi-arch system may hold libc6:amd64 and libc6:i386), sorted. */
    private static Map<String, InstalledPackage> byKey(List<InstalledPackage> packages) {
        Map<String, InstalledPackage> out = new TreeMap<>();
        for (InstalledPackage p : packages) {
            out.put(p.ecosystem() + "\u0000" + p.name() + "\u0000" + Objects.toString(p.architecture(), ""), p);
        }
        return out;
    }

    static TestChanges tests(Map<String, String> before, Map<String, String> after) {
        List<TestChange> added = new ArrayList<>();
        List<TestChange> removed = new ArrayList<>();
        List<TestChange> changed = new ArrayList<>();
        new TreeMap<>(after).forEach((name, outcome) -> {
            String was = before.get(name);
            if (was == null) {
                added.add(new TestChange(name, null, outcome));
            } else if (!was.equals(outcome)) {
                changed.add(new TestChange(name, was, outcome));
            }
        });
        new TreeMap<>(before).forEach((name, outcome) -> {
            if (!after.containsKey(name)) {
                removed.add(new TestChange(name, outcome, null));
            }
        });
        return new TestChanges(added, removed, changed);
    }

    static FileChanges files(List<FileEntry> before, List<FileEntry> after) {
        Map<String, FileEntry> old = new HashMap<>(before.size() * 2);
        for (FileEntry f : before) {
            old.put(f.path(), f);
        }
        int added = 0;
        int changed = 0;
        List<FileChange> all = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>(after.size() * 2);
        for (FileEntry f : after) {
            seen.put(f.path(), Boolean.TRUE);
            FileEntry was = old.get(f.path());
            if (was == null) {
                added++;
                all.add(new FileChange(f.path(), "added", 0, f.size()));
            } else if (differs(was, f)) {
                changed++;
                all.add(new FileChange(f.path(), "changed", was.size(), f.size()));
            }
        }
        int removed = 0;
        for (FileEntry f : before) {
            if (!seen.containsKey(f.path())) {
                removed++;
                all.add(new FileChange(f.path(), "removed", f.size(), 0));
            }
        }
        List<FileChange> largest = all.stream()
                .sorted(Comparator.comparingLong(FileChange::sizeDelta).reversed().thenComparing(FileChange::path))
                .limit(LARGEST).toList();
        return new FileChanges(added, removed, changed, largest);
    }

    /** What a reader of the file system would notice; which layer wrote it is not a change to the file. */
    private static boolean differs(FileEntry a, FileEntry b) {
        return !a.type().equals(b.type()) || a.size() != b.size() || a.mode() != b.mode()
                || !Objects.equals(a.sha256(), b.sha256()) || !Objects.equals(a.link(), b.link());
    }
}
