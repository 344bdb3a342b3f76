package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore;
import io.jenkins.plugins.imagelifecycle.lifecycle.EndOfLife;
import io.jenkins.plugins.imagelifecycle.lifecycle.EnvironmentCopies;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireResult;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark, not a test: an H2 catalog of 100 000 synthetic images (batch inserts), then
 * (1) descendants of one blessed base with 50 descendants, (2) a cascade retirement of a blessed image
 * with 10 000 descendants. Prints medians of several runs.
 * Usage: java -cp cli.jar:core/target/test-classes …CatalogBench [RUNS]
 */
public final class CatalogBench {
    private static final int IMAGES = 100_000;
    private static final String HOST = "127.0.0.1:5000";

    private CatalogBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String kind = args.length > 1 ? args[1] : "embedded";
        List<Double> descendantsMs = new ArrayList<>();
        List<Double> descendantRowsMs = new ArrayList<>();
        List<Double> cascadeMs = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path dir = Files.createTempDirectory("catalog-bench-");
            io.jenkins.plugins.imagelifecycle.testing.TestPostgres pg = kind.equals("postgres")
                    ? io.jenkins.plugins.imagelifecycle.testing.TestPostgres.start() : null;
            try (Catalog catalog = pg == null ? Catalog.open(dir.toString()) : new Catalog(pg.database())) {
                long t0 = System.nanoTime();
                seed(catalog);
                double seedS = (System.nanoTime() - t0) / 1e9;
                String small = digest("blessed-small");
                catalog.descendants(small); // warm the query path once
                long t1 = System.nanoTime();
                int found = catalog.descendants(small).size();
                descendantsMs.add((System.nanoTime() - t1) / 1e6);
                long t2 = System.nanoTime();
                int rows = new EndOfLifeStore(catalog).descendants(small).size();
                descendantRowsMs.add((System.nanoTime() - t2) / 1e6);
                PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
                EndOfLife endOfLife = new EndOfLife(catalog, new ManifestDeletion(RegistryClient.anonymous()),
                        EnvironmentCopies.NONE, "bench", Clock.systemUTC());
                long tb = System.nanoTime();
                int bigRows = new EndOfLifeStore(catalog).descendants(digest("blessed-big")).size();
                System.out.printf("  (lineage rows of the 10k tree: %d in %.0f ms)%n", bigRows, (System.nanoTime() - tb) / 1e6);
                long t3 = System.nanoTime();
                RetireResult result = endOfLife.retire(new RetireRequest(digest("blessed-big"), "bench", true, false, false), quiet);
                cascadeMs.add((System.nanoTime() - t3) / 1e6);
                System.out.printf("run %d: seeded %d images in %.1f s; descendants of one base (%d, full records) %.2f ms, "
                                + "(%d, lineage rows) %.2f ms; cascade retire of %d images %.0f ms%n", run, IMAGES, seedS, found,
                        descendantsMs.get(run - 1), rows, descendantRowsMs.get(run - 1), result.retired().size(), cascadeMs.get(run - 1));
            } finally {
                if (pg != null) {
                    pg.close();
                }
                deleteTree(dir);
            }
        }
        System.out.printf("median (" + kind + "): descendants (full records) %.2f ms | descendants (lineage rows) %.2f ms | cascade retire of 10001 %.0f ms%n",
                median(descendantsMs), median(descendantRowsMs), median(cascadeMs));
    }

    static String digest(String name) {
        return Digest.sha256(name).toString();
    }

    /**
     * 100 000 images: 'blessed-small' with 10 apps each with 4 children (50 descendants);
     * 'blessed-big' with 100 apps each with 99 children (10 000 descendants); the rest blessed images
     * with one app each, spread over 1000 families.
     */
    static void seed(Catalog catalog) {
        catalog.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO images (digest, repository, role, parent_digest, base_ref, "
                    + "base_digest, created_at, stage, source_commit, built_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'built', ?, 'bench')")) {
                Instant t = Instant.now().minusSeconds(IMAGES);
                int[] n = {0};
                Inserter add = (name, repo, role, parent) -> {
                    s.setString(1, digest(name));
                    s.setString(2, HOST + "/" + repo);
                    s.setString(3, role);
                    s.setString(4, parent == null ? null : digest(parent));
                    s.setString(5, HOST + "/upstream/base:1");
                    s.setString(6, digest("upstream"));
                    s.setTimestamp(7, Timestamp.from(t.plusSeconds(n[0]++)));
                    s.setString(8, "c0ffee");
                    s.addBatch();
                    if (n[0] % 5000 == 0) {
                        s.executeBatch();
                    }
                };
                add.add("blessed-small", "blessed/small", "blessed", null);
                for (int a = 0; a < 10; a++) {
                    add.add("small-app-" + a, "apps/small", "augmented", "blessed-small");
                    for (int k = 0; k < 4; k++) {
                        add.add("small-app-" + a + "-" + k, "apps/small-ext", "augmented", "small-app-" + a);
                    }
                }
                add.add("blessed-big", "blessed/big", "blessed", null);
                for (int a = 0; a < 100; a++) {
                    add.add("big-app-" + a, "apps/big", "augmented", "blessed-big");
                    for (int k = 0; k < 99; k++) {
                        add.add("big-app-" + a + "-" + k, "apps/big-ext", "augmented", "big-app-" + a);
                    }
                }
                for (int i = 0; n[0] < IMAGES; i++) {
                    add.add("b-" + i, "blessed/family-" + (i % 1000), "blessed", null);
                    if (n[0] < IMAGES) {
                        add.add("a-" + i, "apps/family-" + (i % 1000), "augmented", "b-" + i);
                    }
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Inserter {
        void add(String name, String repo, String role, String parent) throws java.sql.SQLException;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}
