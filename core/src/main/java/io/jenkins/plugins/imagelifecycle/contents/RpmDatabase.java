package io.jenkins.plugins.imagelifecycle.contents;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * rpm's SQLite database ({@code rpmdb.sqlite}, rpm 4.16 and later): a {@code Packages} table of header
 * blobs. It is read as SQLite reads it, write-ahead log included — a database copied while rpm or
 * another reader held it keeps its latest transactions in {@code rpmdb.sqlite-wal}, not in the main
 * file — so the two files are written to a private temporary folder, opened there by SQLite, and
 * removed. Berkeley DB ({@code Packages}) and ndb ({@code Packages.db}) databases of older rpm are not read.
 */
public final class RpmDatabase {
    static final String FILE = "rpmdb.sqlite";
    static final String LOG = "rpmdb.sqlite-wal";

    private RpmDatabase() {
    }

    /**
     * @param where the database's path in the image, for messages
     * @param log   its write-ahead log, or null when the image has none
     */
    public static List<InstalledPackage> read(String where, byte[] database, byte[] log, OsRelease os) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rpmdb-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path db = dir.resolve(FILE);
            Files.write(db, database);
            if (log != null) {
                Files.write(dir.resolve(LOG), log);
            }
            return packages(where, db, os);
        } catch (IOException e) {
            throw new OperationFailedException("rpm database /" + where + " cannot be read: " + e.getMessage(), e);
        } finally {
            removeQuietly(dir);
        }
    }

    private static List<InstalledPackage> packages(String where, Path db, OsRelease os) {
        List<InstalledPackage> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT hnum, blob FROM Packages ORDER BY hnum")) {
            while (rs.next()) {
                long hnum = rs.getLong(1);
                RpmHeader header;
                try {
                    header = RpmHeader.decode(rs.getBytes(2));
                } catch (IllegalArgumentException e) {
                    throw new OperationFailedException("rpm database /" + where + ": package " + hnum + " is damaged: " + e.getMessage());
                }
                InstalledPackage p = toPackage(header, os);
                if (p == null) {
                    throw new OperationFailedException("rpm database /" + where + ": package " + hnum + " has no name or version");
                }
                out.add(p);
            }
        } catch (SQLException e) {
            throw new OperationFailedException("rpm database /" + where + " is not a readable SQLite rpm database: " + e.getMessage(), e);
        }
        return out;
    }

    static InstalledPackage toPackage(RpmHeader h, OsRelease os) {
        String name = h.string(RpmHeader.NAME);
        String version = h.string(RpmHeader.VERSION);
        if (name == null || version == null) {
            return null;
        }
        String release = h.string(RpmHeader.RELEASE);
        Integer epoch = h.integer(RpmHeader.EPOCH);
        String versionRelease = release == null ? version : version + "-" + release;
        String evr = epoch == null ? versionRelease : epoch + ":" + versionRelease;
        String arch = h.string(RpmHeader.ARCH);
        String[] source = sourceOf(h.string(RpmHeader.SOURCERPM));
        String purl = PackageUrls.of("rpm", os, name, versionRelease, arch,
                epoch == null ? Map.of() : Map.of("epoch", Integer.toString(epoch)));
        // a source rpm's file name carries no epoch; its binary packages share it
        String sourceVersion = source == null ? evr : (epoch == null ? source[1] : epoch + ":" + source[1]);
        return new InstalledPackage("rpm", name, evr, arch, source == null ? name : source[0], sourceVersion,
                h.string(RpmHeader.LICENSE), purl);
    }

    /** {name, version-release} of {@code NAME-VERSION-RELEASE.src.rpm}, or null (gpg-pubkey entries have none). */
    static String[] sourceOf(String sourceRpm) {
        if (sourceRpm == null || !sourceRpm.endsWith(".rpm")) {
            return null;
        }
        String nvr = sourceRpm.substring(0, sourceRpm.length() - ".rpm".length());
        int dot = nvr.lastIndexOf('.');
        if (dot > 0) {
            nvr = nvr.substring(0, dot); // the .src or .nosrc architecture
        }
        int releaseDash = nvr.lastIndexOf('-');
        int versionDash = releaseDash > 0 ? nvr.lastIndexOf('-', releaseDash - 1) : -1;
        return versionDash <= 0 ? null : new String[] {nvr.substring(0, versionDash), nvr.substring(versionDash + 1)};
    }

    private static void removeQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind holds only a copy of the image's package list
        }
    }
}
