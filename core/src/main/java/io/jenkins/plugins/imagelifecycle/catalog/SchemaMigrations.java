package io.jenkins.plugins.imagelifecycle.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a catalog's schema up to date, one numbered script at a time, and records each in
 * {@code schema_version}. Scripts use {@code IF NOT EXISTS} so that two processes opening a new catalog
 * at once cannot break it.
 */
final class SchemaMigrations {
    /** Every migration in order; a new one is added at the end and never edited once released. */
    static final List<String> SCRIPTS = List.of(
            "V1__images_and_events.sql",
            "V2__test_runs.sql",
            "V3__environments.sql",
            "V4__host_images.sql",
            "V5__end_of_life_and_upstream_watch.sql",
            "V6__image_contents.sql",
            "V7__advisories.sql",
            "V8__covering_package_indexes.sql",
            "V9__placement_verification.sql",
            "V10__placement_approval.sql",
            "V11__images_in_listing_order.sql",
            "V12__rebuild_claims.sql");

    private SchemaMigrations() {
    }

    static void apply(CatalogDatabase db) {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY, "
                    + "script VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            int current = currentVersion(s);
            for (int i = current; i < SCRIPTS.size(); i++) {
                run(c, i + 1, SCRIPTS.get(i), db.dialect());
            }
        } catch (SQLException e) {
            throw db.failure("cannot be migrated", e);
        }
    }

    private static int currentVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void run(Connection c, int version, String script, CatalogDialect dialect) throws SQLException {
        String sql = dialect.migration(load(script));
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String statement : sql.split(";\\s*(\\r?\\n|$)")) {
                String trimmed = stripComments(statement);
                if (!trimmed.isBlank()) {
                    s.execute(trimmed);
                }
            }
            try (var insert = c.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                insert.setInt(1, version);
                insert.setString(2, script);
                insert.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (!alreadyApplied(c, version)) {
                throw e;
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Another process may have applied the same version a moment ago. */
    private static boolean alreadyApplied(Connection c, int version) throws SQLException {
        try (var q = c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
            q.setInt(1, version);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String stripComments(String statement) {
        StringBuilder out = new StringBuilder();
        for (String line : statement.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    private static String load(String script) {
        String path = "migrations/" + script;
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing catalog migration " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read catalog migration " + path, e);
        }
    }
}
