package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes {@code test_runs}. */
final class TestRunRows {
    private TestRunRows() {
    }

    static void insert(Connection c, TestRunRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO test_runs (digest, started_at, finished_at, actor, result, "
                + "passed, failed, specs, junit_xml, statement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.digest());
            s.setTimestamp(2, Catalog.timestamp(r.startedAt()));
            s.setTimestamp(3, Catalog.timestamp(r.finishedAt()));
            s.setString(4, r.actor());
            s.setString(5, r.result());
            s.setInt(6, r.passed());
            s.setInt(7, r.failed());
            s.setString(8, r.specs());
            s.setString(9, r.junitXml());
            s.setString(10, r.statement());
            s.executeUpdate();
        }
    }

    static List<TestRunRecord> forDigest(Connection c, String digest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, digest, started_at, finished_at, actor, result, passed, failed, "
                + "specs, junit_xml, statement FROM test_runs WHERE digest = ? ORDER BY id")) {
            s.setString(1, digest);
            List<TestRunRecord> runs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(new TestRunRecord(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8),
                            rs.getString(9), rs.getString(10), rs.getString(11)));
                }
            }
            return runs;
        }
    }

    /** Each image's test runs, oldest first, as tallies of one run each (no specs, reports or statements). */
    static ImageOrderedRows<TestRunTally> inImageOrder(Connection c, int fetchSize) throws SQLException {
        return new ImageOrderedRows<>(c, "r.digest, r.result, r.passed, r.failed, r.finished_at", "test_runs r",
                ", r.id", ImageOrderedRows.JoinOrder.IMAGES_FIRST, fetchSize, rs -> new TestRunTally(rs.getString(2), rs.getInt(3), rs.getInt(4),
                        rs.getTimestamp(5).toInstant(), 1));
    }

    /** The latest of an image's runs (oldest first) and their number; null when there are none. */
    static TestRunTally tally(List<TestRunTally> runs) {
        if (runs.isEmpty()) {
            return null;
        }
        TestRunTally last = runs.get(runs.size() - 1);
        return new TestRunTally(last.result(), last.passed(), last.failed(), last.finishedAt(), runs.size());
    }
}
