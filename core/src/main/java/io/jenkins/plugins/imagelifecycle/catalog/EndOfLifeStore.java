package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog writes of deprecation and retirement: compare-and-set on the stage, many images in one
 * transaction with batched statements, one event per image.
 */
public final class EndOfLifeStore {
    /** Rows per {@code IN (…)} list: well under every database's parameter limit. */
    private static final int CHUNK = 500;
    private static final String LINEAGE_COLUMNS = "i.digest, i.repository, i.role, i.parent_digest, i.stage, i.created_at, "
            + "i.base_ref, i.base_digest";

    private final Catalog catalog;

    public EndOfLifeStore(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The action of the event that records an image's manifests deleted from its registry. */
    public static final String PURGE_ACTION = "purge";

    /**
     * Sets stage {@code deprecated} and the end-of-life date (null: none, the image is deprecated until it is
     * retired), refused when the stage is no longer {@code expected}.
     */
    public void deprecate(String digest, Stage expected, LocalDate eol, LifecycleEvent event) {
        catalog.inTransaction(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE images SET stage = ?, eol_date = ?, version = version + 1 "
                    + "WHERE digest = ? AND stage = ?")) {
                u.setString(1, Stage.DEPRECATED.id());
                u.setDate(2, eol == null ? null : Date.valueOf(eol));
                u.setString(3, digest);
                u.setString(4, expected.id());
                if (u.executeUpdate() != 1) {
                    throw changedMeanwhile(c, digest, expected);
                }
            }
            return EventRows.insert(c, event);
        });
    }

    /** The action of the event that records a retired image withdrawn from an environment it stood in. */
    public static final String WITHDRAW_ACTION = "withdraw";

    /** An environment a retired image stood in: its pointer for the family is withdrawn, and it holds none of it now. */
    public record Withdrawal(String environment, String family, String digest, String targetRef) {
    }

    /**
     * Retires every image named by {@code events} (one event each, {@code fromStage} the stage read
     * before) in one transaction. Refused, with nothing changed, when any of them changed meanwhile.
     *
     * <p>An image that stands in an environment is withdrawn from it in the same transaction: the environment's
     * pointer for its family goes, with a {@value #WITHDRAW_ACTION} event, so that no environment is on record as
     * holding a retired image (the next promotion or rollback puts one there again). The registry copy stays unless
     * the retirement removes it.
     *
     * @return the environments the images were withdrawn from
     */
    public List<Withdrawal> retire(List<LifecycleEvent> events) {
        return retire(events, false);
    }

    /**
     * As {@link #retire(List)}, refused with nothing changed when any of the images stands in an environment: a policy
     * run decided on what stood when it looked, and a promotion committed since must not be withdrawn by it.
     */
    public void retireSparingStanding(List<LifecycleEvent> events) {
        retire(events, true);
    }

    private List<Withdrawal> retire(List<LifecycleEvent> events, boolean spareStanding) {
        if (events.isEmpty()) {
            return List.of();
        }
        return catalog.inTransaction(c -> {
            int updated = 0;
            List<Withdrawal> withdrawals = new ArrayList<>();
            for (int from = 0; from < events.size(); from += CHUNK) {
                List<LifecycleEvent> chunk = events.subList(from, Math.min(events.size(), from + CHUNK));
                updated += retireChunk(c, chunk);
                withdrawals.addAll(withdrawChunk(c, chunk));
            }
            if (updated != events.size()) {
                throw new GateRefusedException(events.size() - updated + " of " + events.size()
                        + " images were retired or changed by someone else meanwhile; nothing was done");
            }
            if (spareStanding && !withdrawals.isEmpty()) {
                Withdrawal first = withdrawals.get(0);
                throw new GateRefusedException(first.digest() + " was promoted to " + first.environment() + " while this run decided; "
                        + "it stands there now and is spared: nothing was retired, run again");
            }
            insertEvents(c, events);
            insertEvents(c, withdrawalEvents(events, withdrawals));
            return withdrawals;
        });
    }

    /**
     * The pointers naming these images, locked, then deleted each by its own key and digest: a promotion moving one
     * meanwhile (onto one of them, or off it) waits for this transaction instead of slipping between the read and the
     * delete, so what is reported withdrawn is exactly what was.
     */
    private List<Withdrawal> withdrawChunk(Connection c, List<LifecycleEvent> chunk) throws SQLException {
        String marks = LineageWalk.marks(chunk.size());
        List<Withdrawal> found = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT environment, family, digest, target_ref FROM environment_pointers "
                + "WHERE digest IN (" + marks + ") ORDER BY environment, family" + catalog.database().dialect().forUpdate())) {
            for (int i = 0; i < chunk.size(); i++) {
                q.setString(i + 1, chunk.get(i).digest());
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.add(new Withdrawal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM environment_pointers WHERE environment = ? AND family = ? AND digest = ?")) {
            for (Withdrawal w : found) {
                d.setString(1, w.environment());
                d.setString(2, w.family());
                d.setString(3, w.digest());
                if (d.executeUpdate() != 1) {
                    throw new GateRefusedException(w.environment() + "'s pointer for " + w.family() + " moved while " + w.digest()
                            + " was retired; nothing was done, retire again");
                }
            }
        }
        return found;
    }

    /** One event per withdrawal, by the retirement's actor at its time, naming the environment and its copy. */
    private static List<LifecycleEvent> withdrawalEvents(List<LifecycleEvent> retirements, List<Withdrawal> withdrawals) {
        Map<String, LifecycleEvent> byDigest = new HashMap<>();
        retirements.forEach(e -> byDigest.put(e.digest(), e));
        List<LifecycleEvent> out = new ArrayList<>();
        for (Withdrawal w : withdrawals) {
            LifecycleEvent retired = byDigest.get(w.digest());
            String details = io.jenkins.plugins.imagelifecycle.support.Json.write(io.jenkins.plugins.imagelifecycle.support.Json.object()
                    .put("environment", w.environment()).put("family", w.family()).put("target", w.targetRef()));
            out.add(new LifecycleEvent(0, retired.at(), retired.actor(), WITHDRAW_ACTION, w.digest(), w.targetRef(), Stage.RETIRED,
                    Stage.RETIRED, "retired: withdrawn from " + w.environment() + ", which holds no image of " + w.family() + " now",
                    details));
        }
        return out;
    }

    private static int retireChunk(Connection c, List<LifecycleEvent> chunk) throws SQLException {
        String marks = LineageWalk.marks(chunk.size());
        try (PreparedStatement u = c.prepareStatement("UPDATE images SET stage = ?, version = version + 1 "
                + "WHERE stage <> ? AND digest IN (" + marks + ")")) {
            u.setString(1, Stage.RETIRED.id());
            u.setString(2, Stage.RETIRED.id());
            for (int i = 0; i < chunk.size(); i++) {
                u.setString(i + 3, chunk.get(i).digest());
            }
            return u.executeUpdate();
        }
    }

    private static void insertEvents(Connection c, List<LifecycleEvent> events) throws SQLException {
        try (PreparedStatement s = EventRows.prepareInsert(c)) {
            for (LifecycleEvent e : events) {
                EventRows.bind(s, e);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every image built on {@code digest}, directly or through others, nearest first ({@link LineageWalk}), without tags. */
    public List<LineageRow> descendants(String digest) {
        return catalog.inTransaction(c -> LineageWalk.descendants(digest, parents -> lineage(c, "SELECT " + LINEAGE_COLUMNS
                + " FROM images i WHERE i.parent_digest IN (" + LineageWalk.marks(parents.size()) + ")",
                parents.toArray(String[]::new)), LineageRow::digest, LineageRow::createdAt));
    }

    /** Every image of the catalog, oldest first, without tags. */
    public List<LineageRow> all() {
        return catalog.read(c -> lineage(c, "SELECT " + LINEAGE_COLUMNS + " FROM images i ORDER BY i.created_at, i.digest"));
    }

    /** The images whose manifests a purge has deleted: those with a {@value #PURGE_ACTION} event. */
    public java.util.Set<String> purged() {
        return catalog.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT digest FROM events WHERE action = ?")) {
                s.setString(1, PURGE_ACTION);
                try (ResultSet rs = s.executeQuery()) {
                    return new java.util.HashSet<>(Catalog.strings(rs, 1));
                }
            }
        });
    }

    private static List<LineageRow> lineage(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            List<LineageRow> rows = new ArrayList<>();
            // families, base references and base digests repeat across thousands of rows: one String each
            Map<String, String> shared = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new LineageRow(rs.getString(1), shared(shared, rs.getString(2)), Role.fromId(rs.getString(3)),
                            rs.getString(4), Stage.fromId(rs.getString(5)), rs.getTimestamp(6).toInstant(),
                            shared(shared, rs.getString(7)), shared(shared, rs.getString(8))));
                }
            }
            return rows;
        }
    }

    private static String shared(Map<String, String> shared, String value) {
        return value == null ? null : shared.computeIfAbsent(value, v -> v);
    }

    private static RuntimeException changedMeanwhile(Connection c, String digest, Stage expected) throws SQLException {
        Stage now = ImageRows.find(c, digest)
                .orElseThrow(() -> new NotFoundException("Image " + digest + " is not in the catalog"))
                .stage();
        return new GateRefusedException("Image " + digest + " is " + now.id() + ", not " + expected.id()
                + " as expected; it was changed by someone else, nothing was done");
    }
}
