package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deprecate and retire against a real (embedded H2) catalog; registry work is in {@link EndOfLifeIT}. */
class EndOfLifeTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String BASE = "sha256:" + "b".repeat(64);

    @TempDir
    Path dir;
    private Catalog catalog;
    private SyntheticImages images;
    private EndOfLife endOfLife;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.toString());
        images = new SyntheticImages(catalog, "127.0.0.1:5999");
        endOfLife = new EndOfLife(catalog, new ManifestDeletion(RegistryClient.anonymous()), CatalogPlacements.copies(catalog), "tester",
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** Places an image in an environment as a promotion records it: the placement, its event, the pointer. */
    private void place(ImageRecord image, String environment) {
        var placement = new io.jenkins.plugins.imagelifecycle.model.Placement(0, environment, image.repository(), image.digest(),
                "127.0.0.1:5999/" + environment + "/" + image.repository().substring(image.repository().lastIndexOf('/') + 1) + ":1",
                NOW.minusSeconds(600), "alice", null, null, null);
        catalog.place(placement, new LifecycleEvent(0, NOW.minusSeconds(600), "alice", "promote", image.digest(), placement.targetRef(),
                image.stage(), image.stage(), "to " + environment, "{}"));
    }

    /**
     * An image retired where it stands (an emergency: promoting a replacement first would take too long) is withdrawn
     * from each environment it stood in, in the retirement's transaction: the pointer goes, one event each says so, the
     * catalog's invariants hold; a rollback then puts back what stood before it, and a promotion places anew.
     */
    @Test
    void retiringAnImageThatStandsWithdrawsItFromItsEnvironmentsAndARollbackPutsBackTheOneBefore() {
        ImageRecord earlier = blessed("blessed/standing:1");
        ImageRecord standing = images.blessed("blessed/standing:2", "127.0.0.1:5999/upstream/base:1", BASE, NOW.minusSeconds(1800));
        place(earlier, "dev");
        place(standing, "dev");
        place(standing, "qa");

        endOfLife.retire(new RetireRequest(standing.digest(), "CVE-2026-0001", false, false, false), log);

        assertThat(catalog.current("dev", standing.repository())).as("dev's pointer").isEmpty();
        assertThat(catalog.current("qa", standing.repository())).as("qa's pointer").isEmpty();
        assertThat(catalog.history(standing.digest())).extracting(LifecycleEvent::action)
                .endsWith("retire", io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore.WITHDRAW_ACTION,
                        io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore.WITHDRAW_ACTION);
        assertThat(catalog.history(standing.digest())).last().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("retired: withdrawn from qa, which holds no image of " + standing.repository() + " now");
            assertThat(e.actor()).isEqualTo("tester");
        });
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("WARNING: " + standing.digest() + " stood in dev")
                .contains("the copy stays in the registry");
        assertThat(new io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck(catalog).run()).isEmpty();

        var rollback = new RollbackOperation(catalog, new io.jenkins.plugins.imagelifecycle.config.LifecycleConfig(java.util.List.of(),
                java.util.List.of(new io.jenkins.plugins.imagelifecycle.config.Environment("dev", null, false, false),
                        new io.jenkins.plugins.imagelifecycle.config.Environment("qa", null, false, false))), null);
        assertThat(rollback.request("dev", standing.digest(), null, null, java.util.List.of(), log).image())
                .as("what a rollback of dev puts back").isEqualTo(earlier.digest());
        assertThatThrownBy(() -> rollback.request("qa", standing.digest(), null, null, java.util.List.of(), log))
                .isInstanceOf(BadInputException.class)
                .hasMessage("Every image that stood in qa for " + standing.repository() + " is retired; there is nothing to roll back to");

        place(earlier, "qa");
        assertThat(catalog.current("qa", standing.repository())).contains(earlier.digest());
        assertThat(new io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck(catalog).run()).isEmpty();
    }

    /**
     * After a withdrawal, a rollback that names no image still sees the withdrawn family: with another family standing
     * in the environment it asks which one (never rolls back the other silently); a deployer's check by the copy's tag
     * answers "retired", not "unknown".
     */
    @Test
    void aWithdrawnFamilyIsStillRolledBackByNameAndItsCopysTagStillAnswersRetired() {
        ImageRecord earlier = blessed("blessed/app:1");
        ImageRecord standing = images.blessed("blessed/app:2", "127.0.0.1:5999/upstream/base:1", BASE, NOW.minusSeconds(1800));
        ImageRecord database = blessed("blessed/db:1");
        place(earlier, "dev");
        place(standing, "dev");
        place(database, "dev");
        endOfLife.retire(new RetireRequest(standing.digest(), "CVE-2026-0002", false, false, false), log);
        var config = new io.jenkins.plugins.imagelifecycle.config.LifecycleConfig(java.util.List.of(),
                java.util.List.of(new io.jenkins.plugins.imagelifecycle.config.Environment("dev", null, false, false)));
        var rollback = new RollbackOperation(catalog, config, null);

        assertThatThrownBy(() -> rollback.request("dev", null, null, null, java.util.List.of(), log))
                .isInstanceOf(BadInputException.class)
                .hasMessage("dev holds 2 image families (" + standing.repository() + ", " + database.repository()
                        + "); expected --image naming one of them");
        assertThat(rollback.request("dev", standing.digest(), null, null, java.util.List.of(), log).image()).isEqualTo(earlier.digest());

        var answer = new io.jenkins.plugins.imagelifecycle.fitness.FitnessCheck(catalog, config)
                .check("127.0.0.1:5999/dev/app:1", "dev", LocalDate.of(2026, 11, 22), null);
        assertThat(answer.reasons()).extracting(io.jenkins.plugins.imagelifecycle.fitness.FitnessAnswer.Reason::code)
                .containsExactly("retired");
    }

    private ImageRecord blessed(String name) {
        return images.blessed(name, "127.0.0.1:5999/upstream/base:1", BASE, NOW.minusSeconds(3600));
    }

    @Test
    void deprecateStoresTheEndOfLifeDateAndRecordsAnEvent() {
        ImageRecord image = blessed("blessed/dep:1");

        ImageRecord after = endOfLife.deprecate(image.digest(), "2027-01-31", "superseded by 2", log);

        assertThat(after.stage()).isEqualTo(Stage.DEPRECATED);
        assertThat(after.eolDate()).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(catalog.history(image.digest())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo("deprecate");
            assertThat(e.fromStage()).isEqualTo(Stage.BUILT);
            assertThat(e.toStage()).isEqualTo(Stage.DEPRECATED);
            assertThat(e.reason()).isEqualTo("superseded by 2");
            assertThat(e.details()).contains("2027-01-31");
        });
    }

    @Test
    void deprecateRefusesAPastOrUnparsableDateNamingItAndChangesNothing() {
        ImageRecord image = blessed("blessed/dep2:1");

        assertThatThrownBy(() -> endOfLife.deprecate(image.digest(), "2026-11-21", "old", log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'2026-11-21'").hasMessageContaining("in the past");
        assertThatThrownBy(() -> endOfLife.deprecate(image.digest(), "31/01/2027", "old", log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'31/01/2027'").hasMessageContaining("yyyy-MM-dd");
        assertThatThrownBy(() -> endOfLife.deprecate(image.digest(), "2027-01-31", " ", log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Reason");

        assertThat(catalog.find(image.digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(catalog.history(image.digest())).hasSize(1);
    }

    @Test
    void deprecateAcceptsTodayAndRefusesARetiredImage() {
        ImageRecord image = blessed("blessed/dep3:1");
        assertThat(endOfLife.deprecate(image.digest(), "2026-11-22", "today", log).eolDate()).isEqualTo(LocalDate.of(2026, 11, 22));

        endOfLife.retire(new RetireRequest(image.digest(), "gone", false, false, false), log);
        assertThatThrownBy(() -> endOfLife.deprecate(image.digest(), "2027-01-01", "again", log))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("retired");
    }

    @Test
    void retireWithoutCascadeLeavesDescendantsAndReportsThemOutdated() {
        ImageRecord parent = blessed("blessed/r1:1");
        ImageRecord child = images.child("apps/r1:1", parent, NOW.minusSeconds(1800));
        ImageRecord grandchild = images.child("apps/r1-extra:1", child, NOW.minusSeconds(900));

        RetireResult result = endOfLife.retire(new RetireRequest(parent.digest(), "CVE-2026-0001", false, false, false), log);

        assertThat(result.retired()).containsExactly(parent.digest());
        assertThat(result.outdated()).containsExactly(child.digest(), grandchild.digest());
        assertThat(catalog.find(parent.digest()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
        assertThat(catalog.find(child.digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(OutdatedImages.parentRetired(catalog)).containsOnlyKeys(child.digest(), grandchild.digest());
        assertThat(catalog.history(parent.digest())).last().extracting(LifecycleEvent::action, LifecycleEvent::reason)
                .containsExactly("retire", "CVE-2026-0001");
    }

    @Test
    void retireWithCascadeRetiresEveryDescendantWithOneEventEach() {
        ImageRecord parent = blessed("blessed/r2:1");
        ImageRecord child = images.child("apps/r2:1", parent, NOW.minusSeconds(1800));
        ImageRecord grandchild = images.child("apps/r2-extra:1", child, NOW.minusSeconds(900));
        ImageRecord unrelated = blessed("blessed/other:1");

        RetireResult result = endOfLife.retire(new RetireRequest(parent.digest(), "end of support", true, false, false), log);

        assertThat(result.retired()).containsExactly(parent.digest(), child.digest(), grandchild.digest());
        assertThat(result.outdated()).isEmpty();
        for (String digest : result.retired()) {
            assertThat(catalog.find(digest).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
            assertThat(catalog.history(digest)).filteredOn(e -> e.action().equals("retire")).hasSize(1);
        }
        assertThat(catalog.find(unrelated.digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(OutdatedImages.parentRetired(catalog)).isEmpty();
    }

    @Test
    void retireRefusesAnAlreadyRetiredImageAndAnEmptyReason() {
        ImageRecord image = blessed("blessed/r3:1");
        endOfLife.retire(new RetireRequest(image.digest(), "gone", false, false, false), log);

        assertThatThrownBy(() -> endOfLife.retire(new RetireRequest(image.digest(), "again", false, false, false), log))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("already retired");
        assertThatThrownBy(() -> new RetireRequest(image.digest(), "", false, false, false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Reason");
        assertThat(catalog.history(image.digest())).filteredOn(e -> e.action().equals("retire")).hasSize(1);
    }

    @Test
    void promotabilityRefusesRetiredFailedAndPastEolAndWarnsBeforeEol() {
        ImageRecord image = blessed("blessed/p:1");
        endOfLife.deprecate(image.digest(), "2026-12-01", "superseded", log);
        ImageRecord deprecated = catalog.find(image.digest()).orElseThrow();

        assertThat(LifecycleRules.checkPromotable(deprecated, LocalDate.of(2026, 12, 1)))
                .hasValueSatisfying(w -> assertThat(w).contains("2026-12-01"));
        assertThatThrownBy(() -> LifecycleRules.checkPromotable(deprecated, LocalDate.of(2026, 12, 2)))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("end of life on 2026-12-01");
        assertThat(LifecycleRules.checkPromotable(deprecated.withStage(Stage.TESTED), LocalDate.of(2030, 1, 1))).isEmpty();
        assertThatThrownBy(() -> LifecycleRules.checkPromotable(deprecated.withStage(Stage.FAILED), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("failed");

        endOfLife.retire(new RetireRequest(image.digest(), "gone", false, false, false), log);
        ImageRecord retired = catalog.find(image.digest()).orElseThrow();
        assertThatThrownBy(() -> LifecycleRules.checkPromotable(retired, LocalDate.of(2026, 11, 22)))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("retired");
        assertThatThrownBy(() -> LifecycleRules.checkBuildable(retired))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("retired");
    }
}
