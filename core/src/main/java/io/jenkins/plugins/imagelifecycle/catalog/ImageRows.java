package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes rows of {@code images} and {@code image_tags}. */
final class ImageRows {
    static final String COLUMNS = "i.digest, i.repository, i.role, i.parent_digest, i.base_ref, i.base_digest, "
            + "i.created_at, i.stage, i.eol_date, i.source_commit, i.built_by, i.provenance";

    private ImageRows() {
    }

    static void insert(Connection c, ImageRecord image) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO images (digest, repository, role, parent_digest, "
                + "base_ref, base_digest, created_at, stage, eol_date, source_commit, built_by, provenance) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, image.digest());
            s.setString(2, image.repository());
            s.setString(3, image.role().id());
            s.setString(4, image.parentDigest());
            s.setString(5, image.baseRef());
            s.setString(6, image.baseDigest());
            s.setTimestamp(7, Catalog.timestamp(image.createdAt()));
            s.setString(8, image.stage().id());
            s.setDate(9, image.eolDate() == null ? null : Date.valueOf(image.eolDate()));
            s.setString(10, image.sourceCommit());
            s.setString(11, image.builtBy());
            s.setString(12, image.provenance());
            s.executeUpdate();
        }
    }

    static void addTags(Connection c, String digest, List<String> tags, Instant at) throws SQLException {
        for (String tag : tags) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM image_tags WHERE digest = ? AND ref = ?")) {
                exists.setString(1, digest);
                exists.setString(2, tag);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO image_tags (digest, ref, recorded_at) VALUES (?, ?, ?)")) {
                s.setString(1, digest);
                s.setString(2, tag);
                s.setTimestamp(3, Catalog.timestamp(at));
                s.executeUpdate();
            }
        }
    }

    static Optional<ImageRecord> find(Connection c, String digest) throws SQLException {
        List<ImageRecord> found = query(c, "SELECT " + COLUMNS + " FROM images i WHERE i.digest = ?", digest);
        return found.stream().findFirst();
    }

    static Optional<ImageRecord> findByTag(Connection c, String ref) throws SQLException {
        List<ImageRecord> found = query(c, "SELECT " + COLUMNS + " FROM images i JOIN image_tags t ON t.digest = i.digest "
                + "WHERE t.ref = ? ORDER BY t.recorded_at DESC, i.created_at DESC", ref);
        return found.stream().findFirst();
    }

    static Optional<ImageRecord> newestBlessedFrom(Connection c, String baseRef) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM images i WHERE i.base_ref = ? AND i.role = ? ORDER BY i.created_at DESC LIMIT 1",
                baseRef, io.jenkins.plugins.imagelifecycle.model.Role.BLESSED.id()).stream().findFirst();
    }

    static List<ImageRecord> all(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM images i ORDER BY i.created_at, i.digest");
    }

    /** Every descendant, nearest first ({@link LineageWalk}), with its tags. */
    static List<ImageRecord> descendants(Connection c, String digest) throws SQLException {
        return withTags(c, LineageWalk.descendants(digest, parents -> List.copyOf(rows(c, "SELECT " + COLUMNS
                + " FROM images i WHERE i.parent_digest IN (" + LineageWalk.marks(parents.size()) + ")",
                parents.toArray(String[]::new)).values()), ImageRecord::digest, ImageRecord::createdAt));
    }

    static List<ImageRecord> query(Connection c, String sql, String... params) throws SQLException {
        return withTags(c, rows(c, sql, params).values());
    }

    /** The rows a query names, by digest, in its order, without their tags. */
    private static Map<String, ImageRecord> rows(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            Map<String, ImageRecord> byDigest = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byDigest.putIfAbsent(rs.getString(1), read(rs));
                }
            }
            return byDigest;
        }
    }

    private static List<ImageRecord> withTags(Connection c, java.util.Collection<ImageRecord> records) throws SQLException {
        Map<String, List<String>> tags = tags(c, records.stream().map(ImageRecord::digest).toList());
        List<ImageRecord> withTags = new ArrayList<>(records.size());
        for (ImageRecord r : records) {
            withTags.add(r.withTags(tags.getOrDefault(r.digest(), List.of())));
        }
        return withTags;
    }

    /**
     * The tags of many images in a few queries (one per {@value LineageWalk#BATCH} digests), each image's in the order they
     * were recorded: one query per image made the descendants of a base among 100,000 images cost a query each.
     */
    private static Map<String, List<String>> tags(Connection c, java.util.Collection<String> digests) throws SQLException {
        Map<String, List<String>> out = new java.util.HashMap<>();
        DigestBatches.query(c, "SELECT digest, ref FROM image_tags WHERE digest IN ", " ORDER BY digest, recorded_at, ref", digests,
                rs -> out.computeIfAbsent(rs.getString(1), d -> new ArrayList<>()).add(rs.getString(2)));
        return out;
    }

    static ImageRecord read(ResultSet rs) throws SQLException {
        Date eol = rs.getDate(9);
        return new ImageRecord(rs.getString(1), rs.getString(2), List.of(), Role.fromId(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                Stage.fromId(rs.getString(8)), eol == null ? null : eol.toLocalDate(), rs.getString(10),
                rs.getString(11), rs.getString(12));
    }
}
