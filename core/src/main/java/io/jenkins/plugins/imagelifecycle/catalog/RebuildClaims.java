package io.jenkins.plugins.imagelifecycle.catalog;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who schedules the rebuild a change calls for, when several controllers see the change at once ({@code rebuild_claims}).
 * A claim is taken by inserting its row: the table's key (the changed reference, what it changed to, the consumer) lets
 * exactly one insert in, also at the same instant on PostgreSQL, so exactly one claimant wins each claim.
 */
public final class RebuildClaims {
    /** One change ({@code changedRef} → {@code changedTo}) for one consumer, and who took it, when. */
    public record Claim(String changedRef, String changedTo, String consumer, Instant claimedAt, String claimedBy)
            implements Serializable {
    }

    private static final Comparator<Claim> KEY_ORDER = Comparator.comparing(Claim::changedRef).thenComparing(Claim::changedTo)
            .thenComparing(Claim::consumer);

    private final Catalog catalog;

    public RebuildClaims(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Takes those of {@code wanted} that nobody holds, in one transaction and in key order: a claimant that reaches a claim
     * another has just inserted waits for that one's transaction to end, and then finds taken every claim it took, so two
     * claimants of the same changes never split them between them.
     *
     * @return the claims this call took; the others were held already
     */
    public List<Claim> claim(List<Claim> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        CatalogDialect dialect = catalog.database().dialect();
        String insert = dialect.insertUnlessTaken("INSERT INTO rebuild_claims (changed_ref, changed_to, consumer, claimed_at, "
                + "claimed_by) VALUES (?, ?, ?, ?, ?)");
        return catalog.inTransaction(c -> {
            List<Claim> taken = new ArrayList<>();
            for (Claim claim : wanted.stream().sorted(KEY_ORDER).toList()) {
                if (insert(c, insert, claim)) {
                    taken.add(claim);
                }
            }
            return taken;
        });
    }

    private static boolean insert(Connection c, String insert, Claim claim) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(insert)) {
            s.setString(1, claim.changedRef());
            s.setString(2, claim.changedTo());
            s.setString(3, claim.consumer());
            s.setTimestamp(4, Catalog.timestamp(claim.claimedAt()));
            s.setString(5, claim.claimedBy());
            return CatalogDialect.inserted(s);
        }
    }

    /** Gives back claims this claimant took (their rebuild could not be scheduled): the change may then be claimed again. */
    public void release(List<Claim> taken) {
        if (taken.isEmpty()) {
            return;
        }
        catalog.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM rebuild_claims WHERE changed_ref = ? AND changed_to = ? "
                    + "AND consumer = ? AND claimed_by = ?")) {
                for (Claim claim : taken) {
                    s.setString(1, claim.changedRef());
                    s.setString(2, claim.changedTo());
                    s.setString(3, claim.consumer());
                    s.setString(4, claim.claimedBy());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The claims held on one change, every consumer's, in the order they were taken. */
    public List<Claim> held(String changedRef, String changedTo) {
        return catalog.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT consumer, claimed_at, claimed_by FROM rebuild_claims "
                    + "WHERE changed_ref = ? AND changed_to = ? ORDER BY claimed_at, consumer")) {
                s.setString(1, changedRef);
                s.setString(2, changedTo);
                List<Claim> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Claim(changedRef, changedTo, rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }
}
