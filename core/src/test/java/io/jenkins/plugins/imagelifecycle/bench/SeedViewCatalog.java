package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark seed, not a test: the catalog of {@link CatalogBench} (100 000 images) with what a real factory's
 * catalog holds beside the images, so that {@code status} and the lifecycle view have rows to join: a tag per
 * image, three events per image (built, tested, promoted), a test run per image, and each family's newest
 * image standing in dev, qa and prod (with a placement and a pointer each).
 * Usage: java -cp cli.jar:core/target/test-classes …SeedViewCatalog LOCATION (a directory, or a JDBC URL whose password
 * the driver finds in PGPASSFILE)
 */
public final class SeedViewCatalog {
    private static final String[] ENVIRONMENTS = {"dev", "qa", "prod"};

    private SeedViewCatalog() {
    }

    public static void main(String[] args) {
        try (Catalog catalog = Catalog.open(args[0])) {
            seed(catalog);
        }
    }

    static void seed(Catalog catalog) {
        long t0 = System.nanoTime();
        CatalogBench.seed(catalog);
        catalog.inTransaction(c -> {
            seedBeside(c);
            return null;
        });
        analyze(catalog);
        System.out.printf("seeded %s in %.1f s%n", catalog.database().description(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A catalog that has been in use has its planner statistics (PostgreSQL's autovacuum gathers them within a minute):
     * without them the planner scans whole tables for each batch of digests.
     */
    static void analyze(Catalog catalog) {
        if (catalog.database().description().startsWith("jdbc:postgresql:")) {
            catalog.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
                return null;
            });
        }
    }

    private static void seedBeside(Connection c) throws SQLException {
        List<String[]> images = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT digest, repository, created_at FROM images ORDER BY created_at")) {
            while (rows.next()) {
                images.add(new String[] {rows.getString(1), rows.getString(2), rows.getTimestamp(3).toInstant().toString()});
            }
        }
        try (PreparedStatement tag = c.prepareStatement("INSERT INTO image_tags (digest, ref, recorded_at) VALUES (?, ?, ?)");
             PreparedStatement event = c.prepareStatement("INSERT INTO events (at, actor, action, digest, ref, from_stage, to_stage, "
                     + "reason) VALUES (?, 'bench', ?, ?, ?, ?, ?, ?)");
             PreparedStatement run = c.prepareStatement("INSERT INTO test_runs (digest, started_at, finished_at, actor, result, "
                     + "passed, failed) VALUES (?, ?, ?, 'bench', 'passed', 12, 0)")) {
            int n = 0;
            for (String[] image : images) {
                Timestamp at = Timestamp.from(Instant.parse(image[2]));
                String ref = image[1] + ":" + (n % 97);
                tag.setString(1, image[0]);
                tag.setString(2, ref);
                tag.setTimestamp(3, at);
                tag.addBatch();
                addEvent(event, at, "built", image[0], ref, null, "built", "built from source commit c0ffee");
                addEvent(event, at, "tested", image[0], ref, "built", "tested", "12 passed, 0 failed");
                addEvent(event, at, "promoted", image[0], ref, "tested", "tested", "promoted to dev");
                run.setString(1, image[0]);
                run.setTimestamp(2, at);
                run.setTimestamp(3, at);
                run.addBatch();
                if (++n % 5000 == 0) {
                    tag.executeBatch();
                    event.executeBatch();
                    run.executeBatch();
                }
            }
            tag.executeBatch();
            event.executeBatch();
            run.executeBatch();
        }
        placeNewestOfEachFamily(c, images);
    }

    private static void addEvent(PreparedStatement event, Timestamp at, String action, String digest, String ref, String from,
                                 String to, String reason) throws SQLException {
        event.setTimestamp(1, at);
        event.setString(2, action);
        event.setString(3, digest);
        event.setString(4, ref);
        event.setString(5, from);
        event.setString(6, to);
        event.setString(7, reason);
        event.addBatch();
    }

    private static void placeNewestOfEachFamily(Connection c, List<String[]> images) throws SQLException {
        java.util.Map<String, String[]> newest = new java.util.LinkedHashMap<>();
        for (String[] image : images) {
            newest.put(image[1], image);
        }
        try (PreparedStatement placement = c.prepareStatement("INSERT INTO placements (environment, family, digest, target_ref, "
                + "placed_at, actor) VALUES (?, ?, ?, ?, ?, 'bench')");
             PreparedStatement pointer = c.prepareStatement("INSERT INTO environment_pointers (environment, family, digest, "
                     + "target_ref, version) VALUES (?, ?, ?, ?, 1)")) {
            for (String[] image : newest.values()) {
                for (String env : ENVIRONMENTS) {
                    String target = image[1] + ":" + env;
                    placement.setString(1, env);
                    placement.setString(2, image[1]);
                    placement.setString(3, image[0]);
                    placement.setString(4, target);
                    placement.setTimestamp(5, Timestamp.from(Instant.parse(image[2])));
                    placement.addBatch();
                    pointer.setString(1, env);
                    pointer.setString(2, image[1]);
                    pointer.setString(3, image[0]);
                    pointer.setString(4, target);
                    pointer.addBatch();
                }
            }
            placement.executeBatch();
            pointer.executeBatch();
        }
    }
}
