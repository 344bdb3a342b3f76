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
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
    /** Ids or names a statement binds at most: within every database's limit on parameters. */
    private static final int CHUNK = 500;
    private final Catalog catalog;

    public AdvisoryStore(Catalog catalog) {
        this.catalog = catalog;
    }

    /** When each of these advisories was last modified, for those stored: read in chunks, not once per advisory. */
    public static Map<String, Instant> modifiedById(Connection c, List<String> ids) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement s = c.prepareStatement("SELECT id, modified FROM advisories WHERE id IN (" + marks(chunk.size()) + ")")) {
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
        private final Batches batches;

        /** @param ids the advisories this import holds */
        public Writes(Connection c, List<String> ids) throws SQLException {
            this.known = modifiedById(c, ids);
            this.advisories = c.prepareStatement("INSERT INTO advisories (id, modified, withdrawn, aliases, severity, summary, "
                    + "document, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            this.packages = c.prepareStatement("INSERT INTO advisory_packages (advisory_id, osv_ecosystem, ecosystem, name) "
                    + "VALUES (?, ?, ?, ?)");
            this.batches = new Batches(advisories, packages);
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
            batches.added();
            return before == null ? Stored.NEW : Stored.REPLACED;
        }

        public void flush() throws SQLException {
            batches.flush();
        }

        @Override
        public void close() throws SQLException {
            batches.close();
        }
    }

    /** Statements filled row by row together and executed every {@link #CHUNK} rows, and at the end. */
    private static final class Batches implements AutoCloseable {
        private final PreparedStatement[] statements;
        private int pending;

        Batches(PreparedStatement... statements) {
            this.statements = statements;
        }

        void added() throws SQLException {
            if (++pending >= CHUNK) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (pending > 0) {
                for (PreparedStatement s : statements) {
                    s.executeBatch();
                }
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                for (PreparedStatement s : statements) {
                    s.close();
                }
            }
        }
    }

    /**
     * The images' packages that advisories naming these packages affect, by each name: the package's own
     * name or its source package's. First the distinct versions installed of each name (read from the
     * covering index, never a row per image), then only for the versions {@code affects} accepts the images
     * that hold them: an advisory fixed below every installed version costs one index range, not a row per
     * image. Each image's OS is read once.
     *
     * @param affects name → whether an advisory naming it affects this installed version (the source's
     *                version when the name is a source package's)
     * @return name → candidates, holding affected versions only
     */
    public Map<String, List<Candidate>> candidates(Connection c, String ecosystem, Map<String, Predicate<String>> affects)
            throws SQLException {
        List<String> names = new ArrayList<>(affects.keySet());
        List<String[]> byName = new ArrayList<>();
        List<String[]> bySource = new ArrayList<>();
        for (int from = 0; from < names.size(); from += CHUNK) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + CHUNK));
            String marks = marks(chunk.size());
            select(c, "SELECT DISTINCT name, version FROM image_packages WHERE ecosystem = ? AND name IN (" + marks + ")", ecosystem, chunk,
                    row -> {
                        if (affects.get(row[0]).test(row[1])) {
                            byName.add(row);
                        }
                    });
            select(c, "SELECT DISTINCT source_name, source_version FROM image_packages WHERE ecosystem = ? AND source_name IN (" + marks
                    + ") AND source_name <> name", ecosystem, chunk, row -> {
                        if (affects.get(row[0]).test(row[1])) {
                            bySource.add(row);
                        }
                    });
        }
        Map<String, List<String[]>> rows = new HashMap<>();
        holding(c, ecosystem, "name", "version", "", byName, rows);
        holding(c, ecosystem, "source_name", "source_version", " AND source_name <> name", bySource, rows);
        Map<String, OsRelease> os = new HashMap<>();
        rows.values().forEach(list -> list.forEach(r -> os.put(r[0], OsRelease.UNKNOWN)));
        readOs(c, os);
        Map<String, List<Candidate>> out = new HashMap<>();
        rows.forEach((name, list) -> out.put(name, list.stream().map(r -> new Candidate(r[0], os.get(r[0]), r[1], r[2], r[3], r[4]))
                .toList()));
        return out;
    }

    /** The package rows (digest, name, version, source name, source version) holding these (name, version) pairs, by name. */
    private static void holding(Connection c, String ecosystem, String nameColumn, String versionColumn, String extra, List<String[]> pairs,
                                Map<String, List<String[]>> out) throws SQLException {
        int perQuery = CHUNK / 2;
        for (int from = 0; from < pairs.size(); from += perQuery) {
            List<String[]> chunk = pairs.subList(from, Math.min(pairs.size(), from + perQuery));
            String terms = String.join(" OR ", java.util.Collections.nCopies(chunk.size(),
                    "(ecosystem = ? AND " + nameColumn + " = ? AND " + versionColumn + " = ?)"));
            try (PreparedStatement s = c.prepareStatement("SELECT digest, name, version, source_name, source_version FROM image_packages "
                    + "WHERE (" + terms + ")" + extra)) {
                int i = 1;
                for (String[] pair : chunk) {
                    s.setString(i++, ecosystem);
                    s.setString(i++, pair[0]);
                    s.setString(i++, pair[1]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String[] row = {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)};
                        out.computeIfAbsent(nameColumn.equals("name") ? row[1] : row[3], n -> new ArrayList<>()).add(row);
                    }
                }
            }
        }
    }

    private static void select(Connection c, String sql, String ecosystem, List<String> names, java.util.function.Consumer<String[]> row)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, ecosystem);
            for (int i = 0; i < names.size(); i++) {
                s.setString(i + 2, names.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.accept(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
    }

    /** Fills in each digest's OS, from its contents' summary, in chunks. */
    private static void readOs(Connection c, Map<String, OsRelease> os) throws SQLException {
        List<String> digests = new ArrayList<>(os.keySet());
        for (int from = 0; from < digests.size(); from += CHUNK) {
            List<String> chunk = digests.subList(from, Math.min(digests.size(), from + CHUNK));
            try (PreparedStatement s = c.prepareStatement("SELECT digest, os_id, os_version_id FROM image_contents WHERE digest IN ("
                    + marks(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(2) != null) {
                            os.put(rs.getString(1), new OsRelease(rs.getString(2), rs.getString(3), null));
                        }
                    }
                }
            }
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
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

    /**
     * Findings opened in batches with their events: an import may open tens of thousands. Call {@link #flush}
     * before reading the findings back, and close at the end.
     */
    public static final class FindingWrites implements AutoCloseable {
        private final PreparedStatement findings;
        private final PreparedStatement events;
        private final Batches batches;

        public FindingWrites(Connection c) throws SQLException {
            this.findings = c.prepareStatement("INSERT INTO findings (digest, advisory_id, aliases, package_name, installed_version, "
                    + "fixed_version, severity, source, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            this.events = EventRows.prepareInsert(c);
            this.batches = new Batches(findings, events);
        }

        public void open(Finding f, LifecycleEvent event) throws SQLException {
            findings.setString(1, f.digest());
            findings.setString(2, f.advisoryId());
            findings.setString(3, f.aliases());
            findings.setString(4, f.packageName());
            findings.setString(5, f.installedVersion());
            findings.setString(6, f.fixedVersion());
            findings.setString(7, f.severity());
            findings.setString(8, f.source());
            findings.setTimestamp(9, Catalog.timestamp(f.openedAt()));
            findings.setString(10, f.openedBy());
            findings.addBatch();
            EventRows.bind(events, event);
            events.addBatch();
            batches.added();
        }

        public void flush() throws SQLException {
            batches.flush();
        }

        @Override
        public void close() throws SQLException {
            batches.close();
        }
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
