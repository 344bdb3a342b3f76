package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's native library cached once per version: written with the jar's exact bytes in a folder only its owner
 * may write, used again as it is, replaced when its bytes differ, and never used from a folder others may write.
 */
class SqliteNativeLibraryTest {
    @TempDir
    Path cache;

    private static byte[] jarsOwn() throws Exception {
        String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                + System.mapLibraryName("sqlitejdbc");
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theLibraryIsWrittenOnceWithTheJarsBytesAndUsedAgainAsItIs() throws Exception {
        Path library = SqliteNativeLibrary.cached(cache).orElseThrow();

        assertThat(Files.readAllBytes(library)).isEqualTo(jarsOwn());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent()))).isEqualTo("rwx------");
        assertThat(library.getParent().getFileName().toString()).startsWith("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion());
        FileTime written = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Files.setLastModifiedTime(library, written);

        assertThat(SqliteNativeLibrary.cached(cache)).contains(library);
        assertThat(Files.getLastModifiedTime(library)).as("not written again").isEqualTo(written);
        try (var left = Files.list(library.getParent())) {
            assertThat(left).as("nothing beside it").containsExactly(library);
        }
    }

    @Test
    void aCachedLibraryWhoseBytesDifferIsReplaced() throws Exception {
        Path library = SqliteNativeLibrary.cached(cache).orElseThrow();
        Files.write(library, new byte[] {0x7f, 'E', 'L', 'F'});

        assertThat(SqliteNativeLibrary.cached(cache)).contains(library);
        assertThat(Files.readAllBytes(library)).isEqualTo(jarsOwn());
    }

    @Test
    void aFolderOthersMayWriteIsNeverUsed() throws Exception {
        Path library = SqliteNativeLibrary.cached(cache).orElseThrow();
        Files.setPosixFilePermissions(library.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(SqliteNativeLibrary.cached(cache)).isEmpty();
    }
}
