package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Appends to and reads the {@code events} table; there is no update and no delete. */
final class EventRows {
    private static final String COLUMNS = "id, at, actor, action, digest, ref, from_stage, to_stage, reason, details";

    private EventRows() {
    }

    private static final String INSERT = "INSERT INTO events (at, actor, action, digest, ref, from_stage, to_stage, reason, details) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static LifecycleEvent insert(Connection c, LifecycleEvent e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            bind(s, e);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new LifecycleEvent(keys.getLong(1), e.at(), e.actor(), e.action(), e.digest(), e.ref(),
                        e.fromStage(), e.toStage(), e.reason(), e.details());
            }
        }
    }

    /** For many events in one batch ({@link #bind} then {@code addBatch}): their ids are not read back. */
    static PreparedStatement prepareInsert(Connection c) throws SQLException {
        return c.prepareStatement(INSERT);
    }

    static void bind(PreparedStatement s, LifecycleEvent e) throws SQLException {
        s.setTimestamp(1, Catalog.timestamp(e.at()));
        s.setString(2, e.actor());
        s.setString(3, e.action());
        s.setString(4, e.digest());
        s.setString(5, e.ref());
        s.setString(6, e.fromStage() == null ? null : e.fromStage().id());
        s.setString(7, e.toStage() == null ? null : e.toStage().id());
        s.setString(8, e.reason() == null ? null : truncate(e.reason(), 4000));
        s.setString(9, e.details());
    }

    static List<LifecycleEvent> forDigest(Connection c, String digest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE digest = ? ORDER BY id")) {
            s.setString(1, digest);
            return read(s);
        }
    }

    /** Each image's events, oldest first, without their details (listings never show them; a detail can be a whole document). */
    static ImageOrderedRows<LifecycleEvent> inImageOrderWithoutDetails(Connection c, int fetchSize) throws SQLException {
        return new ImageOrderedRows<>(c, "e.digest, e.id, e.at, e.actor, e.action, e.digest, e.ref, e.from_stage, "
                + "e.to_stage, e.reason, NULL", "events e", ", e.id", fetchSize, rs -> event(rs, 1));
    }

    static List<LifecycleEvent> recent(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM events ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, limit);
            return read(s);
        }
    }

    private static List<LifecycleEvent> read(PreparedStatement s) throws SQLException {
        List<LifecycleEvent> events = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                events.add(event(rs, 0));
            }
        }
        return events;
    }

    /** The event in the row's columns after the first {@code skip}. */
    private static LifecycleEvent event(ResultSet rs, int skip) throws SQLException {
        return new LifecycleEvent(rs.getLong(skip + 1), rs.getTimestamp(skip + 2).toInstant(), rs.getString(skip + 3),
                rs.getString(skip + 4), rs.getString(skip + 5), rs.getString(skip + 6), stage(rs.getString(skip + 7)),
                stage(rs.getString(skip + 8)), rs.getString(skip + 9), rs.getString(skip + 10));
    }

    private static Stage stage(String id) {
        return id == null ? null : Stage.fromId(id);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
