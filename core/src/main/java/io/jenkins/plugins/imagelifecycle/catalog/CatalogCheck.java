package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every {@link CatalogInvariant} in one read snapshot and reports each violation with the rows involved. It only
 * reads: what to do about a violation is for a person to decide. The queries are plain SQL that SQLite, H2 and PostgreSQL
 * all take; every one reads whole tables, so a check costs a scan of the catalog, not an operation's indexed lookups.
 */
public final class CatalogCheck {
    private static final String NOT_IN_IMAGES = "names an image that is not in images";

    private static final List<Query> QUERIES = List.of(
            imageMissing(CatalogInvariant.PLACEMENT_IMAGE_EXISTS, "placements", "id", "environment", "family", "digest"),
            imageMissing(CatalogInvariant.EVENT_IMAGE_EXISTS, "events", "id", "action", "digest", "ref"),
            imageMissing(CatalogInvariant.FINDING_IMAGE_EXISTS, "findings", "id", "digest", "advisory_id", "package_name"),
            imageMissing(CatalogInvariant.TEST_RUN_IMAGE_EXISTS, "test_runs", "id", "digest", "result"),
            new Query(CatalogInvariant.VERIFICATION_PLACEMENT_EXISTS, "belongs to a placement that is not in placements",
                    "SELECT v.id, v.placement_id, v.state FROM placement_verifications v "
                            + "WHERE NOT EXISTS (SELECT 1 FROM placements p WHERE p.id = v.placement_id) ORDER BY v.id",
                    new Table("placement_verifications", "id", "placement_id", "state")),
            new Query(CatalogInvariant.POINTER_IS_NEWEST_PLACEMENT, "the pointer names another digest than the newest placement",
                    "SELECT ep.environment, ep.family, ep.digest, ep.version, p.id, p.digest FROM environment_pointers ep "
                            + "JOIN placements p ON p.id = (SELECT MAX(n.id) FROM placements n "
                            + "WHERE n.environment = ep.environment AND n.family = ep.family) "
                            + "WHERE p.digest <> ep.digest ORDER BY ep.environment, ep.family",
                    new Table("environment_pointers", "environment", "family", "digest", "version"),
                    new Table("placements", "id", "digest")),
            new Query(CatalogInvariant.POINTER_IS_NEWEST_PLACEMENT, "the pointer has no placement behind it",
                    "SELECT ep.environment, ep.family, ep.digest, ep.version FROM environment_pointers ep WHERE NOT EXISTS "
                            + "(SELECT 1 FROM placements p WHERE p.environment = ep.environment AND p.family = ep.family) "
                            + "ORDER BY ep.environment, ep.family",
                    new Table("environment_pointers", "environment", "family", "digest", "version")),
            new Query(CatalogInvariant.POINTER_IS_NEWEST_PLACEMENT, "the newest placement of its environment and family has no pointer",
                    "SELECT p.id, p.environment, p.family, p.digest FROM placements p "
                            + "WHERE p.id IN (SELECT MAX(n.id) FROM placements n GROUP BY n.environment, n.family) AND NOT EXISTS "
                            + "(SELECT 1 FROM environment_pointers ep WHERE ep.environment = p.environment AND ep.family = p.family) "
                            // an image retired where it stood was withdrawn: its environment holds none of the family
                            + "AND NOT EXISTS (SELECT 1 FROM images r WHERE r.digest = p.digest AND r.stage = '" + Stage.RETIRED.id() + "') "
                            + "ORDER BY p.id",
                    new Table("placements", "id", "environment", "family", "digest")),
            new Query(CatalogInvariant.NO_RETIRED_IMAGE_STANDING, "a retired image stands in the environment",
                    "SELECT ep.environment, ep.family, ep.digest, i.digest, i.stage FROM environment_pointers ep "
                            + "JOIN images i ON i.digest = ep.digest WHERE i.stage = '" + Stage.RETIRED.id() + "' "
                            + "ORDER BY ep.environment, ep.family",
                    new Table("environment_pointers", "environment", "family", "digest"),
                    new Table("images", "digest", "stage")));

    private final Catalog catalog;

    /**
     * The rows of {@code table} (with an {@code id} and a {@code digest}) whose digest is not an image; an event without
     * a digest (a failed attempt) names none, which is allowed.
     */
    private static Query imageMissing(CatalogInvariant invariant, String table, String... columns) {
        return new Query(invariant, NOT_IN_IMAGES, "SELECT " + String.join(", ", columns) + " FROM " + table + " t "
                + "WHERE t.digest IS NOT NULL AND NOT EXISTS (SELECT 1 FROM images i WHERE i.digest = t.digest) ORDER BY t.id",
                new Table(table, columns));
    }

    public CatalogCheck(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every violation found, in the order of {@link CatalogInvariant}; empty when the catalog is sound. */
    public List<CatalogViolation> run() {
        return catalog.read(c -> {
            List<CatalogViolation> found = new ArrayList<>();
            for (Query q : QUERIES) {
                found.addAll(q.violations(c));
            }
            found.addAll(lineageCycles(c));
            return found;
        });
    }

    /** Only images whose parent is itself an image can be on a cycle: the others' walks end at an unknown digest. */
    private static List<CatalogViolation> lineageCycles(Connection c) throws SQLException {
        Map<String, String> parents = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT i.digest, i.parent_digest FROM images i "
                + "WHERE i.parent_digest IN (SELECT p.digest FROM images p)");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                parents.put(rs.getString(1), rs.getString(2));
            }
        }
        List<CatalogViolation> out = new ArrayList<>();
        for (List<String> cycle : LineageCycles.of(parents)) {
            List<CatalogRow> rows = cycle.stream().map(d -> new CatalogRow("images", columns("digest", d, "parent_digest", parents.get(d))))
                    .toList();
            out.add(new CatalogViolation(CatalogInvariant.LINEAGE_ACYCLIC, cycle.size() == 1 ? "the image is its own parent"
                    : "these " + cycle.size() + " images are each other's ancestors", rows));
        }
        return out;
    }

    private static Map<String, Object> columns(String name, Object value, String name2, Object value2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, value);
        m.put(name2, value2);
        return m;
    }

    /** Columns of one table among a query's result columns, in order. */
    private record Table(String name, List<String> columns) {
        Table(String name, String... columns) {
            this(name, List.of(columns));
        }
    }

    /** A query whose every result row is one violation; its columns are the tables' columns, table after table. */
    private record Query(CatalogInvariant invariant, String problem, String sql, List<Table> tables) {
        Query(CatalogInvariant invariant, String problem, String sql, Table... tables) {
            this(invariant, problem, sql, List.of(tables));
        }

        List<CatalogViolation> violations(Connection c) throws SQLException {
            List<CatalogViolation> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<CatalogRow> rows = new ArrayList<>();
                    int column = 1;
                    for (Table t : tables) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (String name : t.columns()) {
                            values.put(name, value(rs.getObject(column++)));
                        }
                        rows.add(new CatalogRow(t.name(), values));
                    }
                    out.add(new CatalogViolation(invariant, problem, rows));
                }
            }
            return out;
        }

        /** Each database has its own Java types for the same column: whole numbers as long, the rest as text. */
        private static Object value(Object raw) {
            return raw == null ? null : raw instanceof Number n ? (Object) n.longValue() : raw.toString();
        }
    }
}
