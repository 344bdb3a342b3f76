package io.jenkins.plugins.imagelifecycle.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The SQLite driver's native library, kept once per driver version in the user's cache instead of copied out of the
 * jar at every start. sqlite-jdbc extracts it to a new temporary file in each JVM (90 ms of a CLI command's 0.3 s
 * here); given {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} it loads that file instead. The cached copy
 * is used only when its size and CRC-32 are those the jar states for it (each start: about a millisecond), in a folder
 * only its owner may write; anything else is replaced, or left to the driver's own extraction.
 */
final class SqliteNativeLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static volatile boolean prepared;

    private SqliteNativeLibrary() {
    }

    /** Points the driver at the cached library, once per JVM, unless someone chose a library already. */
    static void prepare() {
        if (prepared) {
            return;
        }
        synchronized (SqliteNativeLibrary.class) {
            if (!prepared && System.getProperty(PATH_PROPERTY) == null) {
                cached(cacheRoot()).ifPresent(library -> {
                    System.setProperty(PATH_PROPERTY, library.getParent().toString());
                    System.setProperty(NAME_PROPERTY, library.getFileName().toString());
                });
            }
            prepared = true;
        }
    }

    /**
     * The library for this platform and driver version under {@code root}, written there when missing or different
     * from the jar's; empty when the jar has none for this platform or the cache cannot be written (the driver then
     * extracts it itself, as before).
     */
    static Optional<Path> cached(Path root) {
        String name = System.mapLibraryName("sqlitejdbc");
        String folderForOs = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
        java.net.URL resource = org.sqlite.JDBC.class.getResource("/org/sqlite/native/" + folderForOs + "/" + name);
        if (resource == null) {
            return Optional.empty();
        }
        try {
            Path folder = root.resolve("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "-" + folderForOs.replace('/', '-'));
            Path library = folder.resolve(name);
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (othersMayWrite(folder)) {
                return Optional.empty(); // a library another user could swap is never loaded
            }
            // the jar's entry states its size and CRC-32: a cached copy that matches both is used without inflating the
            // entry (hashing it with SHA-256 in a cold JVM cost more than the extraction saved)
            Fingerprint expected = fingerprintOf(resource);
            if (Files.isRegularFile(library) && expected.equals(Fingerprint.of(Files.readAllBytes(library)))) {
                return Optional.of(library);
            }
            byte[] bytes;
            try (InputStream in = resource.openStream()) {
                bytes = in.readAllBytes();
            }
            // written beside and moved in: a JVM starting at the same moment never loads half a library
            Path partial = Files.createTempFile(folder, name, ".partial");
            try {
                Files.write(partial, bytes);
                try {
                    Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
            return Optional.of(library);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A file's size and CRC-32. */
    private record Fingerprint(long size, long crc) {
        static Fingerprint of(byte[] bytes) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            return new Fingerprint(bytes.length, crc.getValue());
        }
    }

    /** The jar entry's own size and CRC-32, or (a folder of classes, not a jar) those of its bytes. */
    private static Fingerprint fingerprintOf(java.net.URL resource) throws IOException {
        if (resource.openConnection() instanceof java.net.JarURLConnection jar) {
            java.util.jar.JarEntry entry = jar.getJarEntry();
            if (entry.getSize() >= 0 && entry.getCrc() >= 0) {
                return new Fingerprint(entry.getSize(), entry.getCrc());
            }
        }
        try (InputStream in = resource.openStream()) {
            return Fingerprint.of(in.readAllBytes());
        }
    }

    private static boolean othersMayWrite(Path folder) throws IOException {
        var permissions = Files.getPosixFilePermissions(folder);
        return permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)
                || !Files.getOwner(folder).getName().equals(System.getProperty("user.name"));
    }

    /** {@code $XDG_CACHE_HOME/image-lifecycle}, or {@code ~/.cache/image-lifecycle}. */
    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("image-lifecycle");
    }
}
