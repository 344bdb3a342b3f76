package io.jenkins.plugins.imagelifecycle.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a table about images (tags, events, test runs), joined to their image and sorted the way a listing
 * walks the images (oldest first, then by digest), read alongside the images' own cursor: each image's rows are the
 * next ones. One scan and one sort in the database, streamed, instead of an index lookup per image (a query per
 * batch of digests cost PostgreSQL five times as long, SQLite twice, for the tags).
 */
final class ImageOrderedRows<T> implements AutoCloseable {
    /** The image order every listing cursor shares: images are visited in it, and these rows come in it. */
    static final String IMAGE_ORDER = " ORDER BY i.created_at, i.digest";

    /** Maps one row (its first column the digest) to a value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Which table a join walks first. */
    enum JoinOrder {
        /** The database's planner chooses. */
        PLANNERS_CHOICE,
        /**
         * On SQLite, the images in listing order (their index), each one's rows looked up by digest: nothing to sort.
         * SQLite's planner scans the test runs and sorts them instead, three times as long for one run an image (1.35 s
         * against 0.47 s for 100,000 in the sqlite3 shell). PostgreSQL's planner chooses well and keeps its choice.
         */
        IMAGES_FIRST
    }

    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowMapper<T> mapper;
    /** The digest of the row the cursor is on, read once per row (each read is a JNI call on SQLite); null after the last. */
    private String digestHere;

    /**
     * @param columns  {@code x.digest, …}: the digest first
     * @param table    the table and its alias x ({@code events e}), joined to {@code images i} on its digest
     * @param tiebreak the order of one image's rows, after the image order ({@code , x.id})
     */
    ImageOrderedRows(Connection c, String columns, String table, String tiebreak, int fetchSize, RowMapper<T> mapper)
            throws SQLException {
        this(c, columns, table, tiebreak, JoinOrder.PLANNERS_CHOICE, fetchSize, mapper);
    }

    ImageOrderedRows(Connection c, String columns, String table, String tiebreak, JoinOrder order, int fetchSize,
                     RowMapper<T> mapper) throws SQLException {
        String alias = table.substring(table.lastIndexOf(' ') + 1);
        // by default the planner chooses the join: SQLite scans and sorts the tags faster than it looks each image's
        // up, and walks the images in order for the events (three rows an image); SQLite's CROSS JOIN keeps the order
        // written, PostgreSQL has no CROSS JOIN with ON
        String join = order == JoinOrder.IMAGES_FIRST && CatalogDialect.of(c.getMetaData().getURL()) == CatalogDialect.SQLITE
                ? " CROSS JOIN " : " JOIN ";
        this.statement = c.prepareStatement("SELECT " + columns + " FROM images i" + join + table + " ON " + alias
                + ".digest = i.digest" + IMAGE_ORDER + tiebreak);
        this.mapper = mapper;
        statement.setFetchSize(fetchSize);
        rows = statement.executeQuery();
        advance();
    }

    private void advance() throws SQLException {
        digestHere = rows.next() ? rows.getString(1) : null;
    }

    /** The rows of {@code digest}; asked for each image in {@link #IMAGE_ORDER}, every row is read once. */
    List<T> of(String digest) throws SQLException {
        List<T> out = List.of();
        while (digest.equals(digestHere)) {
            if (out.isEmpty()) {
                out = new ArrayList<>(4);
            }
            out.add(mapper.map(rows));
            advance();
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try (statement) {
            rows.close();
        }
    }
}
