package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.FileEntry;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource.Commit;
import io.jenkins.plugins.imagelifecycle.releasenotes.CommitLog;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesComparison;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesMarkdown;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesOperation;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Release notes between two synthetic inventories of 500 packages and 20 000 file entries each (packages
 * added, removed, upgraded and downgraded, files added, removed and changed, tests changing outcome): first
 * {@code ReleaseNotesComparison.compare} and {@code ReleaseNotesMarkdown.render} alone, warm (after WARM_UP
 * unmeasured iterations), ITERATIONS times; then the whole path through an embedded SQLite catalog (both
 * inventories recorded by {@code ContentsStore}, {@code ReleaseNotesOperation.between} and the rendering),
 * CATALOG_ITERATIONS times after a warm-up. Medians. A benchmark, not a test: bench/release-notes.sh runs it.
 *
 * <p>Arguments: ITERATIONS, WARM_UP, CATALOG_ITERATIONS, a scratch folder for the catalog.
 */
public final class ReleaseNotesBench {
    static final int PACKAGES = 500;
    static final int FILES = 20_000;
    static final int TESTS = 300;
    static final int COMMITS = 40;

    private ReleaseNotesBench() {
    }

    /** The two images' inventories, as the catalog would hand them over. */
    record Pair(ImageInventory since, ImageInventory image, Map<String, String> sinceTests, Map<String, String> imageTests,
                List<Commit> commits) {
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.parseInt(args[0]);
        int warmUp = Integer.parseInt(args[1]);
        int catalogIterations = Integer.parseInt(args[2]);
        Path scratch = Path.of(args[3]);
        Pair pair = pair(new Random(14));
        ReleaseNotesComparison.Inventory since = comparable("bench/app:1", pair.since(), pair.sinceTests());
        ReleaseNotesComparison.Inventory image = comparable("bench/app:2", pair.image(), pair.imageTests());

        long sink = 0;
        long t0 = System.nanoTime();
        sink += ReleaseNotesMarkdown.render(ReleaseNotesComparison.compare(since, image, pair.commits())).length();
        double first = millis(t0);
        for (int i = 0; i < warmUp; i++) {
            sink += ReleaseNotesMarkdown.render(ReleaseNotesComparison.compare(since, image, pair.commits())).length();
        }
        List<Double> compare = new ArrayList<>();
        List<Double> render = new ArrayList<>();
        List<Double> both = new ArrayList<>();
        ReleaseNotes notes = null;
        for (int i = 0; i < iterations; i++) {
            long a = System.nanoTime();
            notes = ReleaseNotesComparison.compare(since, image, pair.commits());
            long b = System.nanoTime();
            String markdown = ReleaseNotesMarkdown.render(notes);
            long c = System.nanoTime();
            sink += markdown.length();
            compare.add((b - a) / 1e6);
            render.add((c - b) / 1e6);
            both.add((c - a) / 1e6);
        }
        System.out.printf("notes: packages +%d -%d upgraded %d downgraded %d; files +%d -%d changed %d; tests +%d -%d changed %d; "
                        + "%d commits; Markdown %d characters%n",
                notes.packages().added().size(), notes.packages().removed().size(), notes.packages().upgraded().size(),
                notes.packages().downgraded().size(), notes.files().added(), notes.files().removed(), notes.files().changed(),
                notes.tests().added().size(), notes.tests().removed().size(), notes.tests().changed().size(),
                notes.source().commits().size(), ReleaseNotesMarkdown.render(notes).length());
        System.out.printf("compare + render, first call in this JVM: %.1f ms%n", first);
        System.out.printf("warm, after %d iterations, %d measured: compare median %.2f ms, render median %.2f ms, "
                + "compare + render median %.2f ms (90th percentile %.2f ms, max %.2f ms)%n", warmUp, iterations, median(compare),
                median(render), median(both), percentile(both, 0.9), percentile(both, 1.0));

        sink += throughTheCatalog(pair, catalogIterations, scratch);
        System.out.println("(checksum " + sink + ")");
    }

    /** Both inventories recorded in an embedded catalog, then the release-notes path the CLI takes. */
    private static long throughTheCatalog(Pair pair, int iterations, Path scratch) {
        long sink = 0;
        try (Catalog catalog = Catalog.open(scratch.resolve("catalog").toString())) {
            SyntheticImages images = new SyntheticImages(catalog, "127.0.0.1:5000");
            Instant created = Instant.now().minusSeconds(3600);
            ImageRecord since = images.record("bench/app:1", pair.since().digest(), Role.AUGMENTED, null, null, null, created);
            ImageRecord image = images.record("bench/app:2", pair.image().digest(), Role.AUGMENTED, null, null, null,
                    created.plusSeconds(60));
            ContentsStore store = new ContentsStore(catalog);
            long t0 = System.nanoTime();
            for (ImageRecord r : List.of(since, image)) {
                ImageInventory inventory = r == since ? pair.since() : pair.image();
                store.record(inventory, Instant.now(), LifecycleEvent.of("bench", "contents", r.digest(), r.displayRef(),
                        r.stage(), r.stage(), "benchmark inventory", null));
            }
            double recording = millis(t0);
            recordTests(catalog, since, pair.sinceTests(), Stage.TESTED);
            recordTests(catalog, image, pair.imageTests(), Stage.FAILED);
            ReleaseNotesOperation operation = new ReleaseNotesOperation(catalog, r -> {
                throw new IllegalStateException("the contents of " + r.displayRef() + " are on record: nothing to read");
            });
            Supplier<String> notes = () -> ReleaseNotesMarkdown.render(operation.between(image, null, CommitLog.NONE));
            long t1 = System.nanoTime();
            sink += notes.get().length();
            double first = millis(t1);
            for (int i = 0; i < Math.max(5, iterations / 5); i++) {
                sink += notes.get().length();
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                long a = System.nanoTime();
                sink += notes.get().length();
                times.add(millis(a));
            }
            System.out.printf("through the SQLite catalog: recording both inventories %.0f ms; between + render: first call %.1f ms, "
                            + "warm median of %d %.2f ms (90th percentile %.2f ms)%n", recording, first, iterations, median(times),
                    percentile(times, 0.9));
        }
        return sink;
    }

    private static void recordTests(Catalog catalog, ImageRecord image, Map<String, String> outcomes, Stage to) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"bench\">");
        int failed = 0;
        for (Map.Entry<String, String> t : outcomes.entrySet()) {
            int dot = t.getKey().lastIndexOf('.');
            xml.append("<testcase classname=\"").append(t.getKey(), 0, dot).append("\" name=\"").append(t.getKey().substring(dot + 1))
                    .append("\">");
            if (t.getValue().equals("failed")) {
                xml.append("<failure message=\"expected output\"/>");
                failed++;
            }
            xml.append("</testcase>");
        }
        xml.append("</testsuite>");
        Instant now = Instant.now();
        catalog.recordTestRun(new TestRunRecord(0, image.digest(), now, now, "bench", failed == 0 ? "PASSED" : "FAILED",
                        outcomes.size() - failed, failed, "[]", xml.toString(), null), Stage.BUILT,
                LifecycleEvent.of("bench", "test", image.digest(), image.displayRef(), Stage.BUILT, to, "benchmark tests", null));
    }

    private static ReleaseNotesComparison.Inventory comparable(String ref, ImageInventory inventory, Map<String, String> tests) {
        long size = inventory.files().stream().filter(FileEntry::isRegularFile).mapToLong(FileEntry::size).sum();
        ReleaseNotes.Side side = new ReleaseNotes.Side(ref, inventory.digest(), Instant.now().toString(), "c0ffee" + ref.hashCode(),
                "sha256:" + "b".repeat(64), inventory.os().prettyName(), inventory.os().versionId(), inventory.layers().size(), size,
                inventory.packages().size(), inventory.fileCount());
        return new ReleaseNotesComparison.Inventory(side, inventory.packages(), inventory.files(), tests);
    }

    /**
     * Two versions of an image: of 500 packages, 10 removed, 10 added, 60 upgraded, 2 downgraded; of 20 000
     * entries (regular files, folders, links), 300 removed, 300 added, the 925 regular files among the next
     * 1000 changed; of 300 tests, 2 removed, 3 added, 5 now failing; 40 commits between them.
     */
    static Pair pair(Random random) {
        OsRelease os = new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)");
        List<String> layersBefore = layers(random, 5);
        List<String> layersAfter = new ArrayList<>(layersBefore.subList(0, 3));
        layersAfter.addAll(layers(random, 3));

        List<InstalledPackage> before = new ArrayList<>();
        List<InstalledPackage> after = new ArrayList<>();
        for (int i = 0; i < PACKAGES; i++) {
            int minor = random.nextInt(30);
            String version = (i % 7 == 0 ? "1:" : "") + "2." + minor + "." + random.nextInt(10) + (i % 11 == 0 ? "~rc1" : "")
                    + "-" + (1 + random.nextInt(5)) + "+deb12u" + random.nextInt(3);
            before.add(deb("libbench-" + i, version, os));
            if (i < 10) {
                continue;   // removed
            }
            String now = i < 70 ? version + "1" : i < 72 ? "0:1.0-1" : version;   // upgraded, downgraded, unchanged
            after.add(deb("libbench-" + i, i < 70 && version.startsWith("1:") ? version.replace("2.", "2.9") : now, os));
        }
        for (int i = 0; i < 10; i++) {
            after.add(deb("libnew-" + i, "1.0." + i + "-1", os));
        }

        List<FileEntry> filesBefore = new ArrayList<>();
        List<FileEntry> filesAfter = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            String path = "usr/lib/bench/p" + (i / 100) + "/" + (i % 20 == 0 ? "dir-" : i % 40 == 1 ? "link-" : "file-") + i + ".so";
            FileEntry f = entry(random, path, i, layersBefore.get(i % layersBefore.size()));
            filesBefore.add(f);
            if (i < 300) {
                continue;   // removed
            }
            if (i < 1300 && f.isRegularFile()) {
                filesAfter.add(new FileEntry(f.path(), f.type(), f.size() + 1 + random.nextInt(100_000), f.mode(), hex(random),
                        layersAfter.get(i % layersAfter.size()), null));
            } else {
                filesAfter.add(new FileEntry(f.path(), f.type(), f.size(), f.mode(), f.sha256(), layersAfter.get(i % 3), f.link()));
            }
        }
        for (int i = 0; i < 300; i++) {
            filesAfter.add(entry(random, "opt/new/file-" + i, 1, layersAfter.get(5)));
        }

        Map<String, String> testsBefore = new LinkedHashMap<>();
        Map<String, String> testsAfter = new LinkedHashMap<>();
        for (int i = 0; i < TESTS; i++) {
            String name = "bench.suite" + (i / 50) + ".command-test-" + i;
            testsBefore.put(name, "passed");
            if (i >= 2) {
                testsAfter.put(name, i < 7 ? "failed" : "passed");
            }
        }
        for (int i = 0; i < 3; i++) {
            testsAfter.put("bench.suite-new.command-test-" + i, "passed");
        }
        List<Commit> commits = new ArrayList<>();
        for (int i = 0; i < COMMITS; i++) {
            commits.add(new Commit(hex(random).substring(0, 40), "Change " + i + ": bump `libbench-" + i + "` and *tidy* [notes]"));
        }
        return new Pair(new ImageInventory(digest(random), digest(random), os, before, filesBefore, layersBefore),
                new ImageInventory(digest(random), digest(random), os, after, filesAfter, layersAfter), testsBefore, testsAfter, commits);
    }

    private static FileEntry entry(Random random, String path, int i, String layer) {
        if (path.contains("/dir-")) {
            return new FileEntry(path, "dir", 0, 0755, null, layer, null);
        }
        if (path.contains("/link-")) {
            return new FileEntry(path, "symlink", 0, 0777, null, layer, "file-" + (i - 1) + ".so");
        }
        return new FileEntry(path, "file", 1 + random.nextInt(200_000), 0644, hex(random), layer, null);
    }

    private static InstalledPackage deb(String name, String version, OsRelease os) {
        return new InstalledPackage("deb", name, version, "amd64", name, version, null,
                "pkg:deb/debian/" + name + "@" + version + "?arch=amd64&distro=debian-" + os.versionId());
    }

    private static List<String> layers(Random random, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(digest(random));
        }
        return out;
    }

    private static String digest(Random random) {
        return Digest.sha256(hex(random).getBytes()).toString();
    }

    private static String hex(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    /** The value at {@code fraction} of the sorted values (nearest rank); 0.5 of an even count is the mean of the middle two. */
    static double percentile(List<Double> values, double fraction) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (fraction == 0.5 && n % 2 == 0) {
            return (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
        return sorted.get(Math.min(n - 1, (int) Math.ceil(fraction * n) - 1));
    }
}
