package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes {@code placement_verifications}. */
final class VerificationRows {
    /** Bounded IN lists: a history of thousands of placements is read in chunks. */
    private static final int CHUNK = 500;

    private VerificationRows() {
    }

    static void insert(Connection c, PlacementVerification v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO placement_verifications (placement_id, state, recorded_at, actor, detail)"
                + " VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, v.placementId());
            s.setString(2, v.state().name());
            s.setTimestamp(3, Catalog.timestamp(v.at()));
            s.setString(4, v.actor());
            s.setString(5, v.detail() == null ? null : v.detail().length() > 4000 ? v.detail().substring(0, 3999) + "…" : v.detail());
            s.executeUpdate();
        }
    }

    static Map<Long, PlacementVerification> latest(Connection c, Collection<Long> placementIds) throws SQLException {
        Map<Long, PlacementVerification> out = new HashMap<>();
        List<Long> ids = List.copyOf(placementIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT placement_id, state, recorded_at, actor, detail FROM placement_verifications"
                    + " WHERE id IN (SELECT MAX(id) FROM placement_verifications WHERE placement_id IN (" + marks + ") GROUP BY placement_id)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), new PlacementVerification(rs.getLong(1), PlacementVerification.State.of(rs.getString(2)),
                                rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)));
                    }
                }
            }
        }
        return out;
    }
}
