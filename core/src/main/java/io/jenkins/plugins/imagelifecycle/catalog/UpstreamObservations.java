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
        CatalogDialect dialect = catalog.database().dialect();
        return catalog.inTransaction(c -> {
            Map<String, Observation> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : digests.entrySet()) {
                out.put(e.getKey(), observe(c, dialect, e.getKey(), e.getValue(), now));
            }
            return out;
        });
    }

    /**
     * The row is made first when there is none, then read under its lock: two controllers seeing a new reference at once
     * both find the row, the second after the first's commit, where a read of a missing row would lock nothing and both
     * would insert (the second failing its whole check on the duplicate key).
     */
    private static Observation observe(Connection c, CatalogDialect dialect, String upstreamRef, String digest, Instant now)
            throws SQLException {
        try (PreparedStatement i = c.prepareStatement(dialect.insertUnlessTaken(
                "INSERT INTO upstream_observations (upstream_ref, digest, first_seen, last_seen) VALUES (?, ?, ?, ?)"))) {
            i.setString(1, upstreamRef);
            i.setString(2, digest);
            i.setTimestamp(3, Catalog.timestamp(now));
            i.setTimestamp(4, Catalog.timestamp(now));
            CatalogDialect.inserted(i);
        }
        Observation before;
        try (PreparedStatement q = c.prepareStatement(
                "SELECT digest, first_seen FROM upstream_observations WHERE upstream_ref = ?" + dialect.forUpdate())) {
            q.setString(1, upstreamRef);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                before = new Observation(upstreamRef, rs.getString(1), rs.getTimestamp(2).toInstant(), null);
            }
        }
        Instant first = before.digest().equals(digest) ? before.firstSeen() : now;
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE upstream_observations SET digest = ?, first_seen = ?, last_seen = ? WHERE upstream_ref = ?")) {
            u.setString(1, digest);
            u.setTimestamp(2, Catalog.timestamp(first));
            u.setTimestamp(3, Catalog.timestamp(now));
            u.setString(4, upstreamRef);
            u.executeUpdate();
        }
        return new Observation(upstreamRef, digest, first, now);
    }
}
