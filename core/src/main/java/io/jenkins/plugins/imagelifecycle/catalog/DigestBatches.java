package io.jenkins.plugins.imagelifecycle.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One query per {@value LineageWalk#BATCH} digests instead of one per digest: what a page of a hundred thousand
 * images needs beside each image (its events, its test runs, its contents) in a few round trips.
 */
final class DigestBatches {
    /** Reads one row of a batch's result. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private DigestBatches() {
    }

    /** Runs {@code select + "(?, …)" + orderBy} for each batch of {@code digests} and hands every row to {@code reader}. */
    static void query(Connection c, String select, String orderBy, Collection<String> digests, RowReader reader)
            throws SQLException {
        List<String> all = new ArrayList<>(digests);
        for (int from = 0; from < all.size(); from += LineageWalk.BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + LineageWalk.BATCH));
            try (PreparedStatement s = c.prepareStatement(select + "(" + LineageWalk.marks(batch.size()) + ")" + orderBy)) {
                for (int i = 0; i < batch.size(); i++) {
                    s.setString(i + 1, batch.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }
}
