package io.jenkins.plugins.imagelifecycle.advisories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading OSV exports: each bad input a clear error or a counted skip, read in full before anything is stored. */
class AdvisorySourcesTest {
    private static final String GOOD = "{\"id\":\"DSA-1\",\"modified\":\"2026-01-01T00:00:00Z\",\"affected\":[{\"package\":"
            + "{\"ecosystem\":\"Debian:12\",\"name\":\"openssl\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
            + "{\"fixed\":\"3.0.13-1\"}]}]}]}";

    @TempDir
    Path dir;

    @Test
    void foldersAndZipArchivesAreReadWhole() throws Exception {
        Files.writeString(dir.resolve("a.json"), GOOD);
        Path zip = zip("export.zip", "DSA-2.json", GOOD.replace("DSA-1", "DSA-2"));
        var read = AdvisorySources.read(List.of(dir.resolve("a.json"), zip));
        assertThat(read.advisories()).extracting(OsvAdvisory::id).containsExactly("DSA-1", "DSA-2");
        assertThat(read.advisories().get(0).affected().get(0).ranges().get(0).events()).hasSize(2);
    }

    @Test
    void malformedJsonARangeWithoutEventsAndAnUnknownEventAreRefusedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"id\": ");
        assertThatThrownBy(() -> AdvisorySources.read(List.of(dir.resolve("bad.json")))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dir.resolve("bad.json") + " is not JSON");
        Files.writeString(dir.resolve("empty.json"), GOOD.replace("{\"introduced\":\"0\"},{\"fixed\":\"3.0.13-1\"}", ""));
        assertThatThrownBy(() -> AdvisorySources.read(List.of(dir.resolve("empty.json")))).hasMessageContaining("without events");
        Files.writeString(dir.resolve("odd.json"), GOOD.replace("\"fixed\"", "\"patched\""));
        assertThatThrownBy(() -> AdvisorySources.read(List.of(dir.resolve("odd.json")))).hasMessageContaining("range event 'patched'");
        Files.writeString(dir.resolve("time.json"), GOOD.replace("2026-01-01T00:00:00Z", "yesterday"));
        assertThatThrownBy(() -> AdvisorySources.read(List.of(dir.resolve("time.json")))).hasMessageContaining("'modified' is 'yesterday'");
    }

    @Test
    void aZipEntryThatClimbsOutRefusesTheArchive() throws Exception {
        Path zip = zip("evil.zip", "../../etc/DSA-3.json", GOOD);
        assertThatThrownBy(() -> AdvisorySources.read(List.of(zip))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'../../etc/DSA-3.json' that climbs out");
    }

    @Test
    void theSameIdTwiceRefusesTheImportNamingBoth() throws Exception {
        Files.writeString(dir.resolve("one.json"), GOOD);
        Files.writeString(dir.resolve("two.json"), GOOD);
        assertThatThrownBy(() -> AdvisorySources.read(List.of(dir)))
                .hasMessage("Advisory DSA-1 is in both " + dir.resolve("one.json") + " and " + dir.resolve("two.json") + "; expected each id once");
    }

    @Test
    void aFileLargerThanAnyAdvisoryIsSkippedAndCounted() throws Exception {
        Path big = dir.resolve("big.json");
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
        }
        Files.writeString(dir.resolve("good.json"), GOOD);
        var read = AdvisorySources.read(List.of(dir));
        assertThat(read.advisories()).extracting(OsvAdvisory::id).containsExactly("DSA-1");
        assertThat(read.skippedTooLarge()).containsExactly(big.toString());
    }

    @Test
    void severityIsTheHighestStatedAndEcosystemsComeFromOsRelease() {
        var a = OsvReader.read(GOOD.replace("\"affected\"", "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":"
                + "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],\"affected\"").getBytes(StandardCharsets.UTF_8), "x");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(OsvEcosystems.of(new OsRelease("debian", "12", null))).contains("Debian:12");
        assertThat(OsvEcosystems.of(new OsRelease("alpine", "3.20.1", null))).contains("Alpine:v3.20");
        assertThat(OsvEcosystems.of(new OsRelease("rocky", "9.3", null))).contains("Rocky Linux:9");
        assertThat(OsvEcosystems.covers("Ubuntu:22.04:LTS", "Ubuntu:22.04")).isTrue();
        assertThat(OsvEcosystems.covers("Debian:11", "Debian:12")).isFalse();
        assertThat(OsvEcosystems.packageType("PyPI")).isNull();
    }

    private Path zip(String name, String entry, String content) throws Exception {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }
}
