package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.Placement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code placements} and {@code environment_pointers}. */
final class PlacementRows {
    private static final String COLUMNS = "id, environment, family, digest, target_ref, placed_at, actor, approver, previous, waived_tests, kind, approval";

    private PlacementRows() {
    }

    /** The pointer row as {digest, version}, or empty when the environment has no image of that family. */
    static Optional<Object[]> pointer(Connection c, String environment, String family) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT digest, version FROM environment_pointers WHERE environment = ? AND family = ?")) {
            s.setString(1, environment);
            s.setString(2, family);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Object[] {rs.getString(1), rs.getLong(2)}) : Optional.empty();
            }
        }
    }

    /** Moves the pointer if it is still at {@code expectedVersion} (0: absent); false when someone else moved it first. */
    static boolean movePointer(Connection c, Placement p, long expectedVersion) throws SQLException {
        if (expectedVersion == 0) {
            // a pointer withdrawn (its image retired) and made again must not come back at a version someone read before:
            // one more than the placements of its environment and family is more than any version it ever had
            try (PreparedStatement s = c.prepareStatement("INSERT INTO environment_pointers (environment, family, digest, "
                    + "target_ref, version) VALUES (?, ?, ?, ?, (SELECT COUNT(*) + 1 FROM placements WHERE environment = ? AND family = ?))")) {
                s.setString(1, p.environment());
                s.setString(2, p.family());
                s.setString(3, p.digest());
                s.setString(4, p.targetRef());
                s.setString(5, p.environment());
                s.setString(6, p.family());
                s.executeUpdate();
                return true;
            } catch (SQLException duplicate) {
                if (duplicate.getSQLState() != null && duplicate.getSQLState().startsWith("23")) {
                    return false;
                }
                throw duplicate;
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE environment_pointers SET digest = ?, target_ref = ?, "
                + "version = version + 1 WHERE environment = ? AND family = ? AND version = ?")) {
            s.setString(1, p.digest());
            s.setString(2, p.targetRef());
            s.setString(3, p.environment());
            s.setString(4, p.family());
            s.setLong(5, expectedVersion);
            return s.executeUpdate() == 1;
        }
    }

    /** @return the new row's id */
    static long insert(Connection c, Placement p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO placements (environment, family, digest, target_ref, "
                + "placed_at, actor, approver, previous, waived_tests, kind, approval) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, p.environment());
            s.setString(2, p.family());
            s.setString(3, p.digest());
            s.setString(4, p.targetRef());
            s.setTimestamp(5, Catalog.timestamp(p.placedAt()));
            s.setString(6, p.actor());
            s.setString(7, p.approver());
            s.setString(8, p.previous());
            s.setString(9, p.waivedTests());
            s.setString(10, p.kind());
            s.setString(11, p.approval());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static Optional<Placement> byId(Connection c, long id) throws SQLException {
        return query(c, "WHERE id = CAST(? AS BIGINT)", Long.toString(id)).stream().findFirst();
    }

    static List<Placement> query(Connection c, String where, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM placements " + where + " ORDER BY id")) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            List<Placement> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Placement(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12)));
                }
            }
            return out;
        }
    }

    /** What stands in each environment now: environment → family → placement (the newest for the pointer's digest). */
    static List<Placement> current(Connection c) throws SQLException {
        return query(c, "p WHERE id IN (SELECT MAX(pl.id) FROM placements pl JOIN environment_pointers ep "
                + "ON ep.environment = pl.environment AND ep.family = pl.family AND ep.digest = pl.digest "
                + "GROUP BY pl.environment, pl.family)");
    }
}
