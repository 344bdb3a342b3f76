package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.advisories.OsvAdvisory;
import io.jenkins.plugins.imagelifecycle.advisories.OsvEcosystems;
import io.jenkins.plugins.imagelifecycle.advisories.OsvReader;
import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog's advisories ({@code advisories}, {@code advisory_packages}) and findings ({@code findings}):
 * an advisory stored with the packages it names, indexed; findings opened and closed with their events in
 * one transaction.
 */
public final class AdvisoryStore {
    /** What storing an advisory did. */
    public enum Stored { NEW, REPLACED, UNCHANGED }

    /** A package of an image that an advisory's package name may mean: by its own name or its source package's. */
    public record Candidate(String digest, OsRelease os, String name, String version, String sourceName, String sourceVersion) {
    }

    private static final String FINDING_COLUMNS = "id, digest, advisory_id, aliases, package_name, installed_version, fixed_version, "
            + "severity, source, opened_at, opened_by, closed_at, closed_by";
    private final Catalog catalog;

    public AdvisoryStore(Catalog catalog) {
        this.catalog = catalog;
    }

    /** When each of these advisories was last modified, for those stored: read in chunks, not once per advisory. */
    public static Map<String, Instant> modifiedById(Connection c, List<String> ids) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT id, modified FROM advisories WHERE id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The writes of one import, batched: an OSV export holds tens of thousands of advisories. Call
     * {@link #flush} before reading what was written, and at the end.
     */
    public static final class Writes implements AutoCloseable {
        private final PreparedStatement advisories;
        private final PreparedStatement packages;
        private final Map<String, Instant> known;
        private int pending;

        /** @param ids the advisories this import holds */
        public Writes(Connection c, List<String> ids) throws SQLException {
            this.known = modifiedById(c, ids);
            this.advisories = c.prepareStatement("INSERT INTO advisories (id, modified, withdrawn, aliases, severity, summary, "
                    + "document, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            this.packages = c.prepareStatement("INSERT INTO advisory_packages (advisory_id, osv_ecosystem, ecosystem, name) "
                    + "VALUES (?, ?, ?, ?)");
        }

        /** Stores an advisory unless the catalog holds it as modified or later: re-importing changes nothing. */
        public Stored store(Connection c, OsvAdvisory a, Instant at) throws SQLException {
            Instant before = known.get(a.id());
            if (before != null && !a.modified().isAfter(before)) {
                return Stored.UNCHANGED;
            }
            if (before != null) {
                flush();
                for (String table : List.of("advisories", "advisory_packages")) {
                    try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE "
                            + (table.equals("advisories") ? "id" : "advisory_id") + " = ?")) {
                        s.setString(1, a.id());
                        s.executeUpdate();
                    }
                }
            }
            advisories.setString(1, a.id());
            advisories.setTimestamp(2, Catalog.timestamp(a.modified()));
            advisories.setTimestamp(3, a.withdrawn() == null ? null : Catalog.timestamp(a.withdrawn()));
            advisories.setString(4, String.join(",", a.aliases()));
            advisories.setString(5, a.severity().id());
            advisories.setString(6, a.summary() == null ? null : a.summary().length() > 2000 ? a.summary().substring(0, 2000) : a.summary());
            advisories.setString(7, a.document());
            advisories.setTimestamp(8, Catalog.timestamp(at));
            advisories.addBatch();
            Set<String> seen = new LinkedHashSet<>();
            for (OsvAdvisory.Affected affected : a.affected()) {
                String type = OsvEcosystems.packageType(affected.ecosystem());
                if (type != null && seen.add(affected.ecosystem() + "\u0000" + affected.name())) {
                    packages.setString(1, a.id());
                    packages.setString(2, affected.ecosystem());
                    packages.setString(3, type);
                    packages.setString(4, affected.name());
                    packages.addBatch();
                }
            }
            known.put(a.id(), a.modified());
            if (++pending >= 500) {
                flush();
            }
            return before == null ? Stored.NEW : Stored.REPLACED;
        }

        public void flush() throws SQLException {
            if (pending > 0) {
                advisories.executeBatch();
                packages.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                advisories.close();
                packages.close();
            }
        }
    }

    /** The images' packages an advisory naming {@code name} may mean: an indexed lookup by name and by source name. */
    public List<Candidate> candidates(Connection c, String ecosystem, String name) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT p.digest, ic.os_id, ic.os_version_id, p.name, p.version, p.source_name, "
                + "p.source_version FROM image_packages p JOIN image_contents ic ON ic.digest = p.digest "
                + "WHERE p.ecosystem = ? AND p.name = ? UNION SELECT p.digest, ic.os_id, ic.os_version_id, p.name, p.version, "
                + "p.source_name, p.source_version FROM image_packages p JOIN image_contents ic ON ic.digest = p.digest "
                + "WHERE p.ecosystem = ? AND p.source_name = ?")) {
            s.setString(1, ecosystem);
            s.setString(2, name);
            s.setString(3, ecosystem);
            s.setString(4, name);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    OsRelease os = rs.getString(2) == null ? OsRelease.UNKNOWN : new OsRelease(rs.getString(2), rs.getString(3), null);
                    out.add(new Candidate(rs.getString(1), os, rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    /** The stored advisories that name any of these packages (by ecosystem and name): for a new image's contents. */
    public List<OsvAdvisory> naming(Connection c, String ecosystem, Set<String> names) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT advisory_id FROM advisory_packages WHERE ecosystem = ? AND name = ?")) {
            for (String name : names) {
                s.setString(1, ecosystem);
                s.setString(2, name);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
        }
        List<OsvAdvisory> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT document FROM advisories WHERE id = ? AND withdrawn IS NULL")) {
            for (String id : ids) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        out.add(OsvReader.read(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8), "the catalog's " + id));
                    }
                }
            }
        }
        return out;
    }

    public List<Finding> openFindings(Connection c, String column, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + FINDING_COLUMNS + " FROM findings WHERE " + column
                + " = ? AND closed_at IS NULL ORDER BY id")) {
            s.setString(1, value);
            return findings(s);
        }
    }

    /** Every finding, open and closed, of one image or of all images (digest null). */
    public List<Finding> findings(String digest, boolean openOnly) {
        return catalog.read(c -> {
            String where = (digest == null ? "1 = 1" : "digest = ?") + (openOnly ? " AND closed_at IS NULL" : "");
            try (PreparedStatement s = c.prepareStatement("SELECT " + FINDING_COLUMNS + " FROM findings WHERE " + where + " ORDER BY id")) {
                if (digest != null) {
                    s.setString(1, digest);
                }
                return findings(s);
            }
        });
    }

    public void open(Connection c, Finding f, LifecycleEvent event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO findings (digest, advisory_id, aliases, package_name, installed_version, "
                + "fixed_version, severity, source, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, f.digest());
            s.setString(2, f.advisoryId());
            s.setString(3, f.aliases());
            s.setString(4, f.packageName());
            s.setString(5, f.installedVersion());
            s.setString(6, f.fixedVersion());
            s.setString(7, f.severity());
            s.setString(8, f.source());
            s.setTimestamp(9, Catalog.timestamp(f.openedAt()));
            s.setString(10, f.openedBy());
            s.executeUpdate();
        }
        EventRows.insert(c, event);
    }

    public void close(Connection c, long id, Instant at, String by, LifecycleEvent event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE findings SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL")) {
            s.setTimestamp(1, Catalog.timestamp(at));
            s.setString(2, by.length() > 500 ? by.substring(0, 500) : by);
            s.setLong(3, id);
            s.executeUpdate();
        }
        EventRows.insert(c, event);
    }

    private static List<Finding> findings(PreparedStatement s) throws SQLException {
        List<Finding> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Timestamp closed = rs.getTimestamp(12);
                out.add(new Finding(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getString(11),
                        closed == null ? null : closed.toInstant(), rs.getString(13)));
            }
        }
        return out;
    }
}
