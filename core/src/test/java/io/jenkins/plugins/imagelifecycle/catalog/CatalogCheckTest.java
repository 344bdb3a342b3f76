package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.testing.SoundCatalog;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog check on a catalog written through the catalog's own write API, then broken with raw SQL one invariant at
 * a time: each breach is reported, alone, with the rows involved. Here on the embedded catalog (SQLite);
 * {@link CatalogCheckH2Test} runs it on H2, {@link CatalogCheckPostgresIT} on PostgreSQL.
 */
class CatalogCheckTest {
    private static final String UNKNOWN = SoundCatalog.unknownDigest();
    private static final String NOT_IN_IMAGES = "names an image that is not in images";

    @TempDir
    Path dir;
    Catalog catalog;
    SoundCatalog sound;

    Catalog openCatalog() {
        return Catalog.open(dir.toString());
    }

    @BeforeEach
    void writeASoundCatalog() {
        catalog = openCatalog();
        sound = SoundCatalog.writeTo(catalog);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void aCatalogWrittenByTheOperationsHoldsEveryInvariant() {
        assertThat(check()).isEmpty();
    }

    @Test
    void aPlacementOfAnImageNotInImages() {
        corrupt("UPDATE placements SET digest = ? WHERE id = ?", UNKNOWN, sound.app1InDev.id());

        assertThat(check()).containsExactly(new CatalogViolation(CatalogInvariant.PLACEMENT_IMAGE_EXISTS, NOT_IN_IMAGES, List.of(
                row("placements", "id", sound.app1InDev.id(), "environment", "dev", "family", sound.app1.repository(), "digest", UNKNOWN))));
    }

    @Test
    void aSignatureEventOfAnImageNotInImages() {
        corrupt("INSERT INTO events (at, actor, action, digest, ref) VALUES (CURRENT_TIMESTAMP, 'tester', 'signed', ?, 'x/y@z')", UNKNOWN);

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(CatalogInvariant.EVENT_IMAGE_EXISTS);
            assertThat(v.problem()).isEqualTo(NOT_IN_IMAGES);
            assertThat(v.rows()).singleElement().satisfies(r -> {
                assertThat(r.table()).isEqualTo("events");
                assertThat(r.columns()).containsEntry("action", "signed").containsEntry("digest", UNKNOWN).containsEntry("ref", "x/y@z")
                        .containsKey("id");
            });
        });
    }

    @Test
    void aFindingOfAnImageNotInImages() {
        corrupt("INSERT INTO findings (digest, advisory_id, package_name, installed_version, severity, source, opened_at, opened_by) "
                + "VALUES (?, 'DSA-9999-1', 'zlib', '1.2', 'low', 'osv', CURRENT_TIMESTAMP, 'tester')", UNKNOWN);

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(CatalogInvariant.FINDING_IMAGE_EXISTS);
            assertThat(v.rows()).singleElement().satisfies(r -> assertThat(r.columns()).containsEntry("digest", UNKNOWN)
                    .containsEntry("advisory_id", "DSA-9999-1").containsEntry("package_name", "zlib"));
        });
    }

    @Test
    void aVerificationOfAPlacementNotInPlacements() {
        corrupt("UPDATE placement_verifications SET placement_id = ? WHERE placement_id = ?", 999_999L, sound.app1InQa.id());

        assertThat(check()).hasSize(2).allSatisfy(v -> {
            assertThat(v.invariant()).isEqualTo(CatalogInvariant.VERIFICATION_PLACEMENT_EXISTS);
            assertThat(v.problem()).isEqualTo("belongs to a placement that is not in placements");
            assertThat(v.rows()).singleElement().satisfies(r -> assertThat(r.columns()).containsEntry("placement_id", 999_999L));
        }).extracting(v -> v.rows().get(0).columns().get("state")).containsExactly("VERIFYING", "VERIFIED");
    }

    @Test
    void aPointerThatDisagreesWithTheNewestPlacement() {
        corrupt("UPDATE environment_pointers SET digest = ? WHERE environment = 'dev'", sound.app1.digest());

        assertThat(check()).containsExactly(new CatalogViolation(CatalogInvariant.POINTER_IS_NEWEST_PLACEMENT,
                "the pointer names another digest than the newest placement", List.of(
                        row("environment_pointers", "environment", "dev", "family", sound.app1.repository(), "digest", sound.app1.digest(),
                                "version", 2L),
                        row("placements", "id", sound.app2InDev.id(), "digest", sound.app2.digest()))));
    }

    @Test
    void aPointerWithNoPlacementAndPlacementsWithNoPointer() {
        corrupt("UPDATE environment_pointers SET environment = 'prod' WHERE environment = 'qa'");

        assertThat(check()).containsExactly(
                new CatalogViolation(CatalogInvariant.POINTER_IS_NEWEST_PLACEMENT, "the pointer has no placement behind it", List.of(
                        row("environment_pointers", "environment", "prod", "family", sound.app1.repository(), "digest", sound.app1.digest(),
                                "version", 1L))),
                new CatalogViolation(CatalogInvariant.POINTER_IS_NEWEST_PLACEMENT, "the newest placement of its environment and family has "
                        + "no pointer", List.of(row("placements", "id", sound.app1InQa.id(), "environment", "qa", "family",
                        sound.app1.repository(), "digest", sound.app1.digest()))));
    }

    @Test
    void aRetiredImageStandingInAnEnvironment() {
        corrupt("UPDATE images SET stage = 'retired' WHERE digest = ?", sound.app1.digest());

        assertThat(check()).containsExactly(new CatalogViolation(CatalogInvariant.NO_RETIRED_IMAGE_STANDING,
                "a retired image stands in the environment", List.of(
                        row("environment_pointers", "environment", "qa", "family", sound.app1.repository(), "digest", sound.app1.digest()),
                        row("images", "digest", sound.app1.digest(), "stage", "retired"))));
    }

    @Test
    void aParentCycle() {
        corrupt("UPDATE images SET parent_digest = ? WHERE digest = ?", sound.app1.digest(), sound.blessed.digest());

        List<String> cycle = List.of(sound.blessed.digest(), sound.app1.digest()).stream().sorted().toList();
        assertThat(check()).containsExactly(new CatalogViolation(CatalogInvariant.LINEAGE_ACYCLIC,
                "these 2 images are each other's ancestors", List.of(
                        row("images", "digest", cycle.get(0), "parent_digest", cycle.get(1)),
                        row("images", "digest", cycle.get(1), "parent_digest", cycle.get(0)))));
    }

    @Test
    void anImageThatIsItsOwnParent() {
        corrupt("UPDATE images SET parent_digest = digest WHERE digest = ?", sound.retired.digest());

        assertThat(check()).containsExactly(new CatalogViolation(CatalogInvariant.LINEAGE_ACYCLIC, "the image is its own parent", List.of(
                row("images", "digest", sound.retired.digest(), "parent_digest", sound.retired.digest()))));
    }

    @Test
    void aTestRunOfAnImageNotInImages() {
        corrupt("UPDATE test_runs SET digest = ?", UNKNOWN);

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(CatalogInvariant.TEST_RUN_IMAGE_EXISTS);
            assertThat(v.rows()).singleElement().satisfies(r -> assertThat(r.columns()).containsEntry("digest", UNKNOWN)
                    .containsEntry("result", "PASSED"));
        });
    }

    private List<CatalogViolation> check() {
        return new CatalogCheck(catalog).run();
    }

    /** Raw SQL, around every rule of the write API: what a bug, a hand edit or a broken restore would leave. */
    private void corrupt(String sql, Object... params) {
        catalog.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                assertThat(s.executeUpdate()).as(sql).isPositive();
            }
            return null;
        });
    }

    private static CatalogRow row(String table, Object... namesAndValues) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            columns.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new CatalogRow(table, columns);
    }
}
