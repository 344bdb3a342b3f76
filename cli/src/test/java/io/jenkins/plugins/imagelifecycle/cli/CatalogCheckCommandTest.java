package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.SoundCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog check [--json]} on a real embedded catalog: sound, then broken with raw SQL; its help and its bad input. */
class CatalogCheckCommandTest {
    @TempDir
    Path catalogDir;
    SoundCatalog sound;

    @BeforeEach
    void writeASoundCatalog() {
        try (Catalog catalog = Catalog.open(catalogDir.toString())) {
            sound = SoundCatalog.writeTo(catalog);
        }
    }

    @Test
    void aSoundCatalogPassesWithExitZero() {
        CliRun text = CliRun.onCatalog(catalogDir, "catalog", "check");
        CliRun json = CliRun.onCatalog(catalogDir, "catalog", "check", "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo("Catalog " + catalogDir + ": all 8 invariants hold\n");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode doc = Json.read(json.out());
        assertThat(doc.path("ok").asBoolean()).isTrue();
        assertThat(doc.path("violations")).isEmpty();
        assertThat(doc.path("invariants")).extracting(i -> i.path("invariant").asText()).containsExactly("placement-image-exists",
                "event-image-exists", "finding-image-exists", "test-run-image-exists", "verification-placement-exists",
                "pointer-is-newest-placement", "no-retired-image-standing", "lineage-acyclic");
    }

    @Test
    void eachViolationIsOneLineWithItsRowsAndTheExitCodeIsOne() throws Exception {
        String unknown = SoundCatalog.unknownDigest();
        try (Catalog catalog = Catalog.open(catalogDir.toString())) {
            catalog.inTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("UPDATE environment_pointers SET digest = '" + sound.app1.digest() + "' WHERE environment = 'dev'");
                    s.executeUpdate("INSERT INTO findings (digest, advisory_id, package_name, installed_version, severity, source, "
                            + "opened_at, opened_by) VALUES ('" + unknown + "', 'DSA-9999-1', 'zlib', '1.2', 'low', 'osv', CURRENT_TIMESTAMP, 't')");
                }
                return null;
            });
        }

        CliRun text = CliRun.onCatalog(catalogDir, "catalog", "check");
        CliRun json = CliRun.onCatalog(catalogDir, "catalog", "check", "--json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out().lines()).hasSize(3);
        assertThat(text.out().lines().toList().get(0)).startsWith("finding-image-exists: names an image that is not in images — findings{id=")
                .endsWith(", digest=" + unknown + ", advisory_id=DSA-9999-1, package_name=zlib}");
        assertThat(text.out().lines().toList().get(1)).isEqualTo("pointer-is-newest-placement: the pointer names another digest than the "
                + "newest placement — environment_pointers{environment=dev, family=" + sound.app1.repository() + ", digest="
                + sound.app1.digest() + ", version=2}; placements{id=" + sound.app2InDev.id() + ", digest=" + sound.app2.digest() + "}");
        assertThat(text.out().lines().toList().get(2)).isEqualTo("Catalog " + catalogDir + ": 2 violation(s)");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode doc = Json.read(json.out());
        assertThat(doc.path("ok").asBoolean()).isFalse();
        assertThat(doc.path("violations")).hasSize(2);
        JsonNode pointer = doc.path("violations").get(1);
        assertThat(pointer.path("invariant").asText()).isEqualTo("pointer-is-newest-placement");
        assertThat(pointer.path("rule").asText()).startsWith("each environment pointer names the digest of the newest placement");
        assertThat(pointer.path("rows").get(0).path("table").asText()).isEqualTo("environment_pointers");
        assertThat(pointer.path("rows").get(0).path("version").asLong()).isEqualTo(2);
        assertThat(pointer.path("rows").get(1).path("table").asText()).isEqualTo("placements");
        assertThat(pointer.path("rows").get(1).path("id").asLong()).isEqualTo(sound.app2InDev.id());
        assertThat(pointer.path("rows").get(1).path("digest").asText()).isEqualTo(sound.app2.digest());
    }

    @Test
    void helpDescribesTheCommandAndItsParent() {
        CliRun check = CliRun.of("catalog", "check", "--help");
        CliRun catalog = CliRun.of("catalog", "--help");

        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).startsWith("Usage: image-lifecycle catalog check").contains("--catalog=LOCATION").contains("--json");
        assertThat(check.out().replaceAll("\\s+", " ")).contains("Only reads. Exit 0 sound, 1 a violation found (or a failure), 2 bad input.");
        assertThat(catalog.exitCode()).isZero();
        assertThat(catalog.out()).startsWith("Usage: image-lifecycle catalog").contains("check");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path file = Files.writeString(catalogDir.resolve("not-a-directory"), "x");

        CliRun empty = CliRun.of("catalog", "check", "--catalog", "");
        CliRun aFile = CliRun.of("catalog", "check", "--catalog", file.toString());
        CliRun unknownOption = CliRun.of("catalog", "check", "--repair");
        CliRun unknownSubcommand = CliRun.of("catalog", "vacuum");
        CliRun noSubcommand = CliRun.of("catalog");

        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).isEqualTo("image-lifecycle: --catalog '' is empty; expected LOCATION (see 'image-lifecycle catalog check "
                + "--help')\n");
        assertThat(aFile.exitCode()).isEqualTo(2);
        assertThat(aFile.err()).isEqualTo("image-lifecycle: Catalog location '" + file + "' is a file; expected a directory or a jdbc: URL\n");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err().lines()).singleElement().asString().contains("'--repair'");
        assertThat(unknownSubcommand.exitCode()).isEqualTo(2);
        assertThat(unknownSubcommand.err().lines()).singleElement().asString().contains("'vacuum'");
        assertThat(noSubcommand.exitCode()).isEqualTo(2);
        assertThat(noSubcommand.err()).isEqualTo("image-lifecycle: Missing required subcommand (see 'image-lifecycle catalog --help')\n");
    }
}
