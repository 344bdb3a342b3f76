package io.jenkins.plugins.imagelifecycle.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * What the upstream watch saw of each tracked reference, kept across checks and processes so that a
 * quiet period can count from the moment a digest first appeared.
 */
public final class UpstreamObservations {
    /** One tracked reference: the digest it points at and since when it has pointed there unchanged. */
    public record Observation(String upstreamRef, String digest, Instant firstSeen, Instant lastSeen) {
    }

    private final Catalog catalog;

    public UpstreamObservations(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Records one observation; see {@link #observeAll}. */
    public Observation observe(String upstreamRef, String digest, Instant now) {
        return observeAll(Map.of(upstreamRef, digest), now).get(upstreamRef);
    }

    /**
     * Records that each upstream reference points at its digest now, all in one transaction. The
     * first-seen time stays while the digest stays; a different digest starts again from {@code now}.
     */
    public Map<String, Observation> observeAll(Map<String, String> digests, Instant now) {
        String forUpdate = catalog.database().dialect().forUpdate();
        return catalog.inTransaction(c -> {
            Map<String, Observation> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : digests.entrySet()) {
                out.put(e.getKey(), observe(c, forUpdate, e.getKey(), e.getValue(), now));
            }
            return out;
        });
    }

    private static Observation observe(Connection c, String forUpdate, String upstreamRef, String digest, Instant now) throws SQLException {
        Observation before = null;
        try (PreparedStatement q = c.prepareStatement(
                "SELECT digest, first_seen, last_seen FROM upstream_observations WHERE upstream_ref = ?" + forUpdate)) {
            q.setString(1, upstreamRef);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    before = new Observation(upstreamRef, rs.getString(1), rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant());
                }
            }
        }
        Instant first = before != null && before.digest().equals(digest) ? before.firstSeen() : now;
        String sql = before == null
                ? "INSERT INTO upstream_observations (digest, first_seen, last_seen, upstream_ref) VALUES (?, ?, ?, ?)"
                : "UPDATE upstream_observations SET digest = ?, first_seen = ?, last_seen = ? WHERE upstream_ref = ?";
        try (PreparedStatement u = c.prepareStatement(sql)) {
            u.setString(1, digest);
            u.setTimestamp(2, Catalog.timestamp(first));
            u.setTimestamp(3, Catalog.timestamp(now));
            u.setString(4, upstreamRef);
            u.executeUpdate();
        }
        return new Observation(upstreamRef, digest, first, now);
    }
}
