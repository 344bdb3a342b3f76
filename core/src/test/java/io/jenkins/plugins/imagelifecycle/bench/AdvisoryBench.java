package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import io.jenkins.plugins.imagelifecycle.lifecycle.AdvisoryOperation;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Advisories against a large catalog: IMAGES images of PACKAGES Debian packages each (drawn from a pool a
 * hundred times that size, as an image holds a few hundred of a distribution's tens of thousands), ADVISORIES
 * OSV advisories in one zip, each naming one pool package: one in twenty with a fix above about half the
 * installed versions, the rest fixed below every installed version (fixed long ago, as most of an export is). Times the whole import (read, parse, store, match, open
 * findings), then one new advisory. A Java main, not a timed test; bench/advisories.sh runs it.
 * Arguments: embedded|postgres IMAGES PACKAGES ADVISORIES
 */
public final class AdvisoryBench {
    private AdvisoryBench() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "embedded";
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int perImage = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int advisories = args.length > 3 ? Integer.parseInt(args[3]) : 20000;
        Path dir = Files.createTempDirectory("advisory-bench");
        TestPostgres pg = kind.equals("postgres") ? TestPostgres.start() : null;
        try (Catalog catalog = pg == null ? Catalog.open(dir.resolve("catalog").toString()) : new Catalog(pg.database())) {
            // as in a distribution: a pool a hundred times an image's packages, most advisories fixed long ago
            int pool = perImage * 100;
            Random random = new Random(42);
            long seedStart = System.nanoTime();
            SyntheticImages synthetic = new SyntheticImages(catalog, "bench.example");
            ContentsStore store = new ContentsStore(catalog);
            OsRelease os = new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)");
            // 500 images a transaction: the seeding is not what is measured
            for (int start = 0; start < images; start += 500) {
                int from = start;
                catalog.inTransaction(c -> {
                    for (int i = from; i < Math.min(images, from + 500); i++) {
                        seed(synthetic, store, os, random, pool, perImage, i);
                    }
                    return null;
                });
            }
            System.out.printf("seeded %d images x %d packages (%d package rows) in %.1f s on %s%n", images, perImage,
                    (long) images * perImage, (System.nanoTime() - seedStart) / 1e9, kind);

            Path zip = dir.resolve("osv.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (int a = 0; a < advisories; a++) {
                    out.putNextEntry(new ZipEntry("osv/BENCH-" + a + ".json"));
                    String fixed = random.nextInt(20) == 0 ? "1." + random.nextInt(20) + "-1" : "0.5-1";
                    out.write(advisory("BENCH-" + a, "pkg-" + random.nextInt(pool), fixed)
                            .getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            AdvisoryOperation operation = new AdvisoryOperation(catalog, Clock.systemUTC());
            // the same import with nothing to match (Alpine advisories, no Alpine image): read, parse and store only
            Path alpine = dir.resolve("osv-alpine.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(alpine))) {
                for (int a = 0; a < advisories; a++) {
                    out.putNextEntry(new ZipEntry("osv/BENCH-APK-" + a + ".json"));
                    out.write(advisory("BENCH-APK-" + a, "pkg-" + random.nextInt(pool), "0.5-1").replace("Debian:12", "Alpine:v3.20")
                            .getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            long a0 = System.nanoTime();
            operation.importAdvisories(List.of(alpine), "bench");
            double storeOnly = (System.nanoTime() - a0) / 1e9;
            System.out.printf("import of %d advisories with nothing to match (read, parse, store): %.2f s%n", advisories, storeOnly);
            long t0 = System.nanoTime();
            var summary = operation.importAdvisories(List.of(zip), "bench");
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("import of %d advisories from one zip, matched against the catalog: %.2f s (%d stored, %d findings opened)%n",
                    summary.read(), importSeconds, summary.stored(), summary.opened());
            System.out.printf("of which matching and opening the findings (the difference): %.2f s%n", importSeconds - storeOnly);

            List<Double> one = new ArrayList<>();
            for (int r = 0; r < 7; r++) {
                Path single = dir.resolve("one-" + r + ".json");
                Files.writeString(single, advisory("BENCH-NEW-" + r, "pkg-" + random.nextInt(pool), "1.10-1"));
                long s = System.nanoTime();
                operation.importAdvisories(List.of(single), "bench");
                one.add((System.nanoTime() - s) / 1e6);
            }
            one.sort(Double::compare);
            System.out.printf("one new advisory (read, store, match, open its findings): median %.1f ms of 7 (%s)%n", one.get(3), one);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static void seed(SyntheticImages synthetic, ContentsStore store, OsRelease os, Random random, int pool, int perImage, int i) {
        String digest = Digest.sha256(("bench image " + i).getBytes(StandardCharsets.UTF_8)).toString();
        synthetic.record("bench/app-" + i + ":1", digest, Role.AUGMENTED, null, null, null, Instant.now());
        List<InstalledPackage> packages = new ArrayList<>();
        for (int p : random.ints(0, pool).distinct().limit(perImage).toArray()) {
            String name = "pkg-" + p;
            String version = "1." + random.nextInt(20) + "-1";
            packages.add(new InstalledPackage("deb", name, version, "amd64", name, version, null, null));
        }
        store.record(new ImageInventory(digest, digest, os, packages, List.of(), List.of()), Instant.now(),
                LifecycleEvent.of("bench", "contents", digest, digest, null, null, "bench contents", null));
    }

    private static String advisory(String id, String name, String fixed) {
        return "{\"schema_version\":\"1.6.0\",\"id\":\"" + id + "\",\"modified\":\"2026-11-01T00:00:00Z\",\"aliases\":[\"CVE-2026-" + id.hashCode()
                + "\"],\"database_specific\":{\"severity\":\"medium\"},\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\""
                + name + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"" + fixed + "\"}]}]}]}";
    }
}
