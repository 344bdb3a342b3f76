package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staged policy against a real catalog, with a clock the test sets: each stage's keepNewest and age, a
 * stage due in the future becoming due once its date has passed, images spared because they or an image
 * built on them stand in an environment now, the real run doing exactly what its dry run said, and bad
 * policy files. Purges reach a registry and are tested in {@link EndOfLifeIT}; every clock here stays before
 * a purge is due.
 */
class PolicyRetirementTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String HOST = "127.0.0.1:5998";
    private static final String BASE_REF = HOST + "/upstream/base:1";
    private static final String BASE = "sha256:" + "b".repeat(64);
    private static final String FAMILY = HOST + "/blessed/fam";
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;
    private Catalog catalog;
    private SyntheticImages images;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.toString());
        images = new SyntheticImages(catalog, HOST);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private PolicyRetirement retirementAt(Instant now) {
        EndOfLife endOfLife = new EndOfLife(catalog, new ManifestDeletion(RegistryClient.anonymous()), CatalogPlacements.copies(catalog),
                "policy-bot", Clock.fixed(now, ZoneOffset.UTC));
        return new PolicyRetirement(endOfLife, CatalogPlacements.standingInEnvironments(catalog));
    }

    private ImageRecord blessed(String tag, Duration age) {
        return images.blessed("blessed/fam:" + tag, BASE_REF, BASE, NOW.minus(age));
    }

    /** Five releases of one family, 10, 8, 3, 2 and 1 days old. */
    private List<ImageRecord> family() {
        return List.of(blessed("1", Duration.ofDays(10)), blessed("2", Duration.ofDays(8)), blessed("3", Duration.ofDays(3)),
                blessed("4", Duration.ofDays(2)), blessed("5", Duration.ofDays(1)));
    }

    private static RetirePolicy policy(String yaml) {
        return RetirePolicy.parse(yaml, "test.yaml");
    }

    private static final String STAGED = "rules:\n  - family: " + FAMILY + "\n"
            + "    deprecate: {afterDays: 2, keepNewest: 3}\n"
            + "    retire: {afterDays: 9, keepNewest: 1}\n"
            + "    purge: {afterDays: 30}\n"
            + "    reason: three releases, then one\n";

    private static PolicyDecision of(List<PolicyDecision> plan, ImageRecord image) {
        return plan.stream().filter(d -> d.digest().equals(image.digest())).findFirst().orElseThrow();
    }

    /** The actions of the events after an image's birth. */
    private List<String> actionsSinceBirth(ImageRecord image) {
        List<LifecycleEvent> history = catalog.history(image.digest());
        return history.subList(1, history.size()).stream().map(LifecycleEvent::action).toList();
    }

    @Test
    void eachStageKeepsItsNewestAndWaitsForItsAge() {
        List<ImageRecord> fam = family();

        List<PolicyDecision> plan = retirementAt(NOW).plan(policy(STAGED));

        assertThat(plan).extracting(PolicyDecision::digest).containsExactlyElementsOf(fam.stream().map(ImageRecord::digest).toList());
        // the oldest is outside the 3 newest and past both ages: deprecated, then retired, in one run; not purged yet (30 days)
        assertThat(of(plan, fam.get(0)).dueNow()).containsExactly(PolicyStage.DEPRECATE, PolicyStage.RETIRE);
        assertThat(of(plan, fam.get(0)).nextStage()).isEqualTo(PolicyStage.DEPRECATE);
        // 8 days old: past the deprecation's 2 days, not the retirement's 9
        assertThat(of(plan, fam.get(1)).dueNow()).containsExactly(PolicyStage.DEPRECATE);
        // among the 3 newest, deprecation waits; retirement keeps only 1, so it comes next, on its date
        PolicyDecision third = of(plan, fam.get(2));
        assertThat(third.dueNow()).isEmpty();
        assertThat(third.nextStage()).isEqualTo(PolicyStage.RETIRE);
        assertThat(third.dueAt()).isEqualTo(fam.get(2).createdAt().plus(Duration.ofDays(9)));
        assertThat(third.keptAmongNewest()).isNull();
        // the newest is kept by both counts, whatever its age
        PolicyDecision newest = of(plan, fam.get(4));
        assertThat(newest.dueNow()).isEmpty();
        assertThat(newest.nextStage()).isEqualTo(PolicyStage.DEPRECATE);
        assertThat(newest.keptAmongNewest()).isEqualTo(3);
        assertThat(plan).allSatisfy(d -> {
            assertThat(d.currentStage()).isEqualTo("built");
            assertThat(d.spared()).isNull();
        });
        for (ImageRecord image : fam) {
            assertThat(actionsSinceBirth(image)).as("a plan changes nothing").isEmpty();
        }
    }

    @Test
    void theRealRunDoesExactlyWhatItsDryRunSaidWithOneEventPerStage() {
        List<ImageRecord> fam = family();
        RetirePolicy policy = policy(STAGED);
        List<PolicyDecision> dry = retirementAt(NOW).plan(policy);

        PolicyRunResult run = retirementAt(NOW).apply(policy, "test.yaml", QUIET);

        assertThat(run.decisions()).isEqualTo(dry);
        assertThat(run.removals()).isEmpty();
        for (ImageRecord image : fam) {
            assertThat(actionsSinceBirth(image)).as(image.displayRef())
                    .containsExactlyElementsOf(of(dry, image).dueNow().stream().map(PolicyStage::id).toList());
        }
        assertThat(catalog.find(fam.get(0).digest()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
        ImageRecord second = catalog.find(fam.get(1).digest()).orElseThrow();
        assertThat(second.stage()).isEqualTo(Stage.DEPRECATED);
        assertThat(second.eolDate()).as("the day the rule retires it").isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(catalog.history(fam.get(0).digest())).last().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("policy-bot");
            assertThat(e.fromStage()).isEqualTo(Stage.DEPRECATED);
            assertThat(e.reason()).isEqualTo("policy: three releases, then one");
            assertThat(e.details()).contains("test.yaml");
        });
        assertThat(retirementAt(NOW).plan(policy)).as("a second run at the same time finds nothing due")
                .allSatisfy(d -> assertThat(d.dueNow()).isEmpty());
    }

    @Test
    void aStageDueInTheFutureIsDueOnceItsDatePassed() {
        List<ImageRecord> fam = family();
        RetirePolicy policy = policy(STAGED);
        retirementAt(NOW).apply(policy, "test.yaml", QUIET);
        Instant retireAt = fam.get(1).createdAt().plus(Duration.ofDays(9));

        PolicyDecision atTheDate = of(retirementAt(retireAt).plan(policy), fam.get(1));
        PolicyDecision after = of(retirementAt(retireAt.plusSeconds(1)).plan(policy), fam.get(1));

        assertThat(atTheDate.currentStage()).isEqualTo("deprecated");
        assertThat(atTheDate.nextStage()).isEqualTo(PolicyStage.RETIRE);
        assertThat(atTheDate.dueAt()).isEqualTo(retireAt);
        assertThat(atTheDate.dueNow()).as("due once the date has passed, not at it").isEmpty();
        assertThat(after.dueNow()).containsExactly(PolicyStage.RETIRE);
        assertThat(retirementAt(retireAt.plusSeconds(1)).apply(policy, "test.yaml", QUIET).decisions())
                .filteredOn(d -> !d.dueNow().isEmpty()).extracting(PolicyDecision::digest).containsExactly(fam.get(1).digest());
        assertThat(actionsSinceBirth(fam.get(1))).containsExactly("deprecate", "retire");
    }

    private void place(ImageRecord image, String environment) {
        Placement placement = new Placement(0, environment, image.repository(), image.digest(),
                HOST + "/" + environment + "/fam:1", NOW.minus(Duration.ofHours(1)), "alice", null, null, null);
        catalog.place(placement, new LifecycleEvent(0, NOW.minus(Duration.ofHours(1)), "alice", "promote", image.digest(),
                placement.targetRef(), image.stage(), image.stage(), "test placement", "{}"));
    }

    @Test
    void whatStandsInAnyEnvironmentNowAndItsAncestorsAreSparedWithTheReason() {
        List<ImageRecord> fam = family();
        ImageRecord app = images.child("apps/shop:1", fam.get(0), NOW.minus(Duration.ofDays(9)));
        place(app, "dev");
        place(fam.get(1), "qa");
        place(fam.get(3), "qa"); // supersedes the second in qa: what stood there before is not spared
        RetirePolicy everything = policy("rules:\n  - family: \"*\"\n    retire: {afterDays: 0}\n");

        PolicyRunResult run = retirementAt(NOW).apply(everything, "test.yaml", QUIET);

        assertThat(of(run.decisions(), app).spared()).isEqualTo("stands in dev");
        assertThat(of(run.decisions(), fam.get(0)).spared()).isEqualTo("ancestor of " + app.digest() + ", which stands in dev");
        assertThat(of(run.decisions(), fam.get(3)).spared()).isEqualTo("stands in qa");
        assertThat(run.decisions()).filteredOn(d -> d.spared() != null).allSatisfy(d -> assertThat(d.dueNow()).isEmpty());
        assertThat(catalog.find(app.digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(catalog.find(fam.get(0).digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(catalog.find(fam.get(3).digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(catalog.find(fam.get(1).digest()).orElseThrow().stage()).as("superseded in qa").isEqualTo(Stage.RETIRED);
        assertThat(catalog.find(fam.get(2).digest()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
    }

    @Test
    void theFirstFormatIsARetireStageAndFailedImagesAreNotAmongTheNewest() {
        List<ImageRecord> fam = family();
        ImageRecord failed = blessed("6", Duration.ofHours(1));
        catalog.transition(failed.digest(), Stage.BUILT, new LifecycleEvent(0, NOW, "ci", "test", failed.digest(),
                failed.displayRef(), Stage.BUILT, Stage.FAILED, "tests failed", "{}"));
        RetirePolicy keep2 = policy("rules:\n  - family: " + FAMILY + "\n    keepNewest: 2\n    reason: keep two\n");

        List<PolicyDecision> plan = retirementAt(NOW).plan(keep2);

        assertThat(keep2.rules()).singleElement().satisfies(r -> assertThat(r.stages())
                .isEqualTo(Map.of(PolicyStage.RETIRE, new RetirePolicy.Threshold(0, 2))));
        assertThat(plan).filteredOn(d -> d.due(PolicyStage.RETIRE)).extracting(PolicyDecision::digest)
                .containsExactlyInAnyOrder(fam.get(0).digest(), fam.get(1).digest(), fam.get(2).digest(), failed.digest());
        assertThat(of(plan, fam.get(3)).keptAmongNewest()).isEqualTo(2);
        assertThat(of(plan, failed).currentStage()).isEqualTo("failed");
    }

    @Test
    void aFamilyWithARuleOfItsOwnIsNotGovernedByStar() {
        List<ImageRecord> fam = family();
        ImageRecord other = images.blessed("blessed/other:1", BASE_REF, BASE, NOW.minus(Duration.ofDays(10)));
        RetirePolicy policy = policy("rules:\n  - family: \"*\"\n    retire: {afterDays: 0}\n"
                + "  - family: " + FAMILY + "\n    retire: {afterDays: 9}\n");

        List<PolicyDecision> plan = retirementAt(NOW).plan(policy);

        assertThat(plan).filteredOn(d -> d.due(PolicyStage.RETIRE)).extracting(PolicyDecision::digest)
                .containsExactlyInAnyOrder(other.digest(), fam.get(0).digest());
    }

    @Test
    void badPolicyFilesAreRefusedNamingTheRuleTheKeyAndTheValue() {
        String rule = "rules:\n  - family: x\n";
        assertThatThrownBy(() -> policy("rules: []\n")).isInstanceOf(BadInputException.class).hasMessageContaining("no rules");
        assertThatThrownBy(() -> policy(rule + "    deprecat: {afterDays: 3}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("Rule 1 (family x)").hasMessageContaining("unknown key 'deprecat'")
                .hasMessageContaining("expected family, deprecate, retire, purge");
        assertThatThrownBy(() -> policy(rule + "    retire: {afterDays: -1}\n")).isInstanceOf(BadInputException.class)
                .hasMessage("Rule 1 (family x) of policy 'test.yaml': retire.afterDays is '-1'; expected a whole number from 0 to 36500");
        assertThatThrownBy(() -> policy(rule + "    retire: {afterDays: 2.5}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("retire.afterDays is '2.5'");
        assertThatThrownBy(() -> policy(rule + "    retire: {afterDays: ten}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("retire.afterDays is 'ten'");
        assertThatThrownBy(() -> policy(rule + "    deprecate: {keepNewest: 0}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("deprecate.keepNewest is '0'; expected a whole number of at least 1");
        assertThatThrownBy(() -> policy(rule + "    deprecate: {afterDays: 30}\n    retire: {afterDays: 10}\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("retire.afterDays is '10'; expected at least deprecate.afterDays (30)");
        assertThatThrownBy(() -> policy(rule + "    retire: {afterDays: 90}\n    purge: {afterDays: 60}\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("purge.afterDays is '60'; expected at least retire.afterDays (90)");
        assertThatThrownBy(() -> policy(rule + "    purge: {keepNewest: 2}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("purge has unknown key 'keepNewest'; expected afterDays");
        assertThatThrownBy(() -> policy(rule + "    retire: {}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("retire sets neither afterDays nor keepNewest");
        assertThatThrownBy(() -> policy(rule + "    retire: 90\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("retire is '90'; expected a mapping");
        assertThatThrownBy(() -> policy(rule + "    retire:\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("retire is 'null'; expected a mapping");
        assertThatThrownBy(() -> policy(rule + "    reason: no stage\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sets no stage; expected at least one of deprecate, retire, purge");
        assertThatThrownBy(() -> policy(rule + "    keepNewest: 2\n    retire: {afterDays: 9}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("mixes keepNewest/olderThanDays with the stage 'retire'");
        assertThatThrownBy(() -> policy(rule + "    keepNewest: -1\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("keepNewest is '-1'");
        assertThatThrownBy(() -> policy(rule + "    retire: {afterDays: 9}\n  - family: x\n    purge: {afterDays: 9}\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Rule 2 of policy 'test.yaml': family x already has rule 1");
        assertThatThrownBy(() -> policy("rules:\n  - keepNewest: 2\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no family");
        for (String bad : List.of("rules: []\n", rule + "    retire: {afterDays: -1}\n", rule + "    reason: no stage\n")) {
            assertThatThrownBy(() -> policy(bad)).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
