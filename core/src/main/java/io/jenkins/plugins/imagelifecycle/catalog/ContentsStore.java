package io.jenkins.plugins.imagelifecycle.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.imagelifecycle.contents.FileEntry;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The catalog's record of what images carry ({@code image_contents}, {@code image_packages}): written
 * whole in one transaction with its event, or as a failure with its reason; never half.
 */
public final class ContentsStore {
    /** What is known of an image's contents: its OS and counts, or why they could not be read. */
    public record Summary(String digest, OsRelease os, int packageCount, long fileCount, List<String> layers, Instant readAt,
                          String failure) {
        public boolean readable() {
            return failure == null;
        }
    }

    private static final int BATCH = 500;
    private final Catalog catalog;

    public ContentsStore(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Replaces what was known of the image's contents, with {@code event}, in one transaction. */
    public void record(ImageInventory inventory, Instant at, LifecycleEvent event) {
        catalog.inTransaction(c -> {
            delete(c, inventory.digest());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO image_contents (digest, platform_digest, os_id, "
                    + "os_version_id, os_pretty_name, package_count, file_count, layers, file_manifest, read_at, failure) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
                s.setString(1, inventory.digest());
                s.setString(2, inventory.platformDigest());
                s.setString(3, inventory.os().id());
                s.setString(4, inventory.os().versionId());
                s.setString(5, inventory.os().prettyName());
                s.setInt(6, inventory.packages().size());
                s.setLong(7, inventory.fileCount());
                s.setString(8, String.join(",", inventory.layers()));
                s.setString(9, encode(inventory.files(), inventory.layers()));
                s.setTimestamp(10, Catalog.timestamp(at));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO image_packages (digest, ecosystem, name, version, "
                    + "architecture, source_name, source_version, license, purl) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (InstalledPackage p : inventory.packages()) {
                    s.setString(1, inventory.digest());
                    s.setString(2, p.ecosystem());
                    s.setString(3, p.name());
                    s.setString(4, p.version());
                    s.setString(5, p.architecture());
                    s.setString(6, p.sourceName());
                    s.setString(7, p.sourceVersion());
                    s.setString(8, p.license());
                    s.setString(9, p.purl());
                    s.addBatch();
                    if (++pending == BATCH) {
                        s.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    s.executeBatch();
                }
            }
            EventRows.insert(c, event);
            return null;
        });
    }

    /** The contents could not be read: the reason is on record (and the event), nothing else of them. */
    public void recordFailure(String digest, String reason, Instant at, LifecycleEvent event) {
        catalog.inTransaction(c -> {
            delete(c, digest);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO image_contents (digest, package_count, file_count, "
                    + "read_at, failure) VALUES (?, 0, 0, ?, ?)")) {
                s.setString(1, digest);
                s.setTimestamp(2, Catalog.timestamp(at));
                s.setString(3, reason.length() > 4000 ? reason.substring(0, 4000) : reason);
                s.executeUpdate();
            }
            EventRows.insert(c, event);
            return null;
        });
    }

    public Optional<Summary> summary(String digest) {
        return catalog.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM image_contents x WHERE x.digest = ?")) {
                s.setString(1, digest);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
                }
            }
        });
    }

    private static final String SUMMARY_COLUMNS = "x.digest, x.os_id, x.os_version_id, x.os_pretty_name, x.package_count, "
            + "x.file_count, x.layers, x.read_at, x.failure";

    /** Each image's stored reading (one at most), in the order listings walk the images. */
    static ImageOrderedRows<Summary> summariesInImageOrder(Connection c, int fetchSize) throws SQLException {
        return new ImageOrderedRows<>(c, SUMMARY_COLUMNS, "image_contents x", "", fetchSize,
                ContentsStore::summary);
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        OsRelease os = rs.getString(2) == null ? OsRelease.UNKNOWN : new OsRelease(rs.getString(2), rs.getString(3), rs.getString(4));
        String layers = rs.getString(7);
        return new Summary(rs.getString(1), os, rs.getInt(5), rs.getLong(6),
                layers == null || layers.isEmpty() ? List.of() : List.of(layers.split(",")), rs.getTimestamp(8).toInstant(),
                rs.getString(9));
    }

    /**
     * The stored reading as an inventory, when it succeeded. The catalog keeps the digest read, not which
     * platform manifest of an index was read: {@code platformDigest} is the image's digest.
     */
    public Optional<ImageInventory> inventory(String digest) {
        return summary(digest).filter(Summary::readable).map(s -> new ImageInventory(digest, digest, s.os(), packages(digest),
                files(digest), s.layers()));
    }

    /** The image's packages, by ecosystem and name. */
    public List<InstalledPackage> packages(String digest) {
        return catalog.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT ecosystem, name, version, architecture, source_name, "
                    + "source_version, license, purl FROM image_packages WHERE digest = ? ORDER BY ecosystem, name, architecture")) {
                s.setString(1, digest);
                List<InstalledPackage> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new InstalledPackage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
                return out;
            }
        });
    }

    /** The image's file manifest, as stored. */
    public List<FileEntry> files(String digest) {
        String encoded = catalog.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT file_manifest FROM image_contents WHERE digest = ?")) {
                s.setString(1, digest);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return encoded == null ? List.of() : decode(encoded);
    }

    private static void delete(Connection c, String digest) throws SQLException {
        for (String table : List.of("image_packages", "image_contents")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE digest = ?")) {
                s.setString(1, digest);
                s.executeUpdate();
            }
        }
    }

    /** A JSON list of [path, type, size, mode, sha256, layer index, link], gzip, base64: compact, portable text. */
    static String encode(List<FileEntry> files, List<String> layers) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (FileEntry f : files) {
            list.addArray().add(f.path()).add(f.type()).add(f.size()).add(f.mode()).add(f.sha256())
                    .add(layers.indexOf(f.layer())).add(f.link());
        }
        var root = Json.object();
        root.set("layers", Json.MAPPER.valueToTree(layers));
        root.set("files", list);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(Json.write(root).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static List<FileEntry> decode(String encoded) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            JsonNode root = Json.read(new String(gz.readAllBytes(), StandardCharsets.UTF_8));
            List<String> layers = new ArrayList<>();
            root.path("layers").forEach(l -> layers.add(l.asText()));
            List<FileEntry> out = new ArrayList<>();
            for (JsonNode f : root.path("files")) {
                int layer = f.get(5).asInt();
                out.add(new FileEntry(f.get(0).asText(), f.get(1).asText(), f.get(2).asLong(), f.get(3).asInt(),
                        f.get(4).isNull() ? null : f.get(4).asText(), layer >= 0 && layer < layers.size() ? layers.get(layer) : null,
                        f.get(6).isNull() ? null : f.get(6).asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
