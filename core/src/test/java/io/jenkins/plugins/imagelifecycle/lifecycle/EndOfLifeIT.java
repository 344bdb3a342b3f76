package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.contents.LayeredImages;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.signing.ImageSignatures;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import java.time.Duration;
import java.time.ZoneOffset;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.registry.ImageCopier;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.RootFs;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retirement's registry side against real registries: environment copies, purge, a registry refusing deletion,
 * and a staged policy whose dry run is what its real run does, purges included.
 */
@Tag("integration")
class EndOfLifeIT {
    @TempDir
    Path dir;
    private Catalog catalog;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.toString());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** Pushes an image and records it as blessed under {@code blessed/NAME-unique:1}. */
    private ImageRecord pushedBlessed(TestRegistry registry, String name) {
        return pushedBlessed(registry, name, "1");
    }

    /** Pushes an image and records it as blessed under {@code blessed/NAME-unique:TAG}. */
    private ImageRecord pushedBlessed(TestRegistry registry, String name, String tag) {
        ImageRef pushed = RealDocker.importAndPush(RootFs.busybox(name + tag + unique),
                ImageRef.parse(registry.host() + "/blessed/" + name + "-" + unique + ":" + tag), null);
        return new SyntheticImages(catalog, registry.host()).record("blessed/" + name + "-" + unique + ":" + tag,
                pushed.digest().orElseThrow().toString(), Role.BLESSED, null, null, null, Instant.now());
    }

    /** Promotes an image to dev for real: the copy in the registry, the placement and the pointer in the catalog. */
    private ImageRef promoteToDev(TestRegistry registry, ImageRecord image) {
        var promote = new PromoteOperation(catalog, new io.jenkins.plugins.imagelifecycle.config.LifecycleConfig(List.of(),
                List.of(new io.jenkins.plugins.imagelifecycle.config.Environment("dev", null, false, false))), registry.client(),
                Clock.systemUTC());
        PromotionResult placed = promote.promote(new PromoteRequest(image.digest(), "dev", null, "end-of-life test"), "alice", log);
        return ImageRef.parse(placed.targetRef()).withoutDigest().withDigest(Digest.parse(image.digest()));
    }

    /** End of life as the front ends wire it: the copies to remove are the catalog's own placements of the image. */
    private EndOfLife endOfLife(TestRegistry registry) {
        return new EndOfLife(catalog, new ManifestDeletion(registry.client()), CatalogPlacements.copies(catalog), "tester", Clock.systemUTC());
    }

    @Test
    void removeFromEnvironmentsDeletesTheCopiesPromotionMadeAndKeepsTheOriginalUnlessPurged() {
        TestRegistry registry = RealDocker.registry();
        ImageRecord image = pushedBlessed(registry, "keep");
        ImageRef devCopy = promoteToDev(registry, image);
        ImageRecord successor = pushedBlessed(registry, "keep", "2");
        ImageRef successorCopy = promoteToDev(registry, successor);
        ImageRef original = ImageRef.parse(image.repository()).withDigest(Digest.parse(image.digest()));

        RetireResult result = endOfLife(registry).retire(new RetireRequest(image.digest(), "superseded", false, true, false), log);

        assertThat(result.removals()).singleElement().satisfies(o -> {
            assertThat(o.ref()).isEqualTo(devCopy.toString());
            assertThat(o.result()).isEqualTo(ManifestDeletion.Result.DELETED);
        });
        assertThatThrownBy(() -> registry.client().resolve(devCopy)).isInstanceOf(NotFoundException.class);
        assertThat(registry.client().resolve(original).toString()).as("original kept for traceability").isEqualTo(image.digest());
        assertThat(registry.client().resolve(successorCopy).toString()).as("another image's copy untouched").isEqualTo(successor.digest());
        assertThat(catalog.find(image.digest()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
        assertThat(new io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck(catalog).run()).isEmpty();
    }

    @Test
    void purgeDeletesTheOriginalPushedManifestToo() {
        TestRegistry registry = RealDocker.registry();
        ImageRecord image = pushedBlessed(registry, "purge");
        ImageRef tagged = ImageRef.parse(image.tags().get(0));

        RetireResult result = endOfLife(registry)
                .retire(new RetireRequest(image.digest(), "withdrawn", false, false, true), log);

        assertThat(result.removals()).singleElement().extracting(ManifestDeletion.Outcome::result)
                .isEqualTo(ManifestDeletion.Result.DELETED);
        assertThatThrownBy(() -> registry.client().resolve(tagged)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRegistryThatRefusesDeletionIsReportedClearlyAndTheRetirementStands() {
        try (TestRegistry noDelete = TestRegistry.builder().withDeleteDisabled().start()) {
            ImageRecord image = pushedBlessed(noDelete, "nodelete");

            RetireResult result = endOfLife(noDelete)
                    .retire(new RetireRequest(image.digest(), "withdrawn", false, false, true), log);

            assertThat(result.removals()).singleElement().satisfies(o -> {
                assertThat(o.result()).isEqualTo(ManifestDeletion.Result.UNSUPPORTED);
                assertThat(o.message()).contains(noDelete.host()).contains("405").contains("storage.delete");
            });
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("WARNING").contains("does not allow deleting");
            assertThat(catalog.find(image.digest()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
            assertThat(noDelete.client().resolve(ImageRef.parse(image.tags().get(0))).toString()).isEqualTo(image.digest());
        }
    }

    /** Pushes a one-layer image (no engine needed) to {@code repository} and returns its digest. */
    private static Digest pushed(TestRegistry registry, String repository, String content) {
        ImageRef repo = ImageRef.parse(registry.host() + "/" + repository);
        return LayeredImages.push(registry.client(), repo, LayeredImages.layer(LayeredImages.GZIP,
                LayeredImages.Entry.file("etc/release", content))).digest().orElseThrow();
    }

    /** What a promotion's copy does in the registry: the same manifest, under the environment's tag. */
    private static void copyToDev(TestRegistry registry, String family, Digest digest, String devRepository) {
        new ImageCopier(registry.client(), new PrintStream(OutputStream.nullOutputStream())).copy(
                ImageRef.parse(registry.host() + "/" + family), digest, ImageRef.parse(registry.host() + "/" + devRepository + ":1"));
    }

    private ImageRecord recorded(TestRegistry registry, String name, Digest digest, Instant created) {
        return new SyntheticImages(catalog, registry.host()).record(name, digest.toString(), Role.BLESSED, null, null, null, created);
    }

    private void placeInDev(TestRegistry registry, ImageRecord image, String devRepository, Instant at) {
        Placement placement = new Placement(0, "dev", image.repository(), image.digest(), registry.host() + "/" + devRepository + ":1",
                at, "alice", null, null, null);
        catalog.place(placement, new LifecycleEvent(0, at, "alice", "promote", image.digest(), placement.targetRef(), image.stage(),
                image.stage(), "to dev", "{}"));
    }

    private PolicyRetirement policyRun(TestRegistry registry, Instant now) {
        EndOfLife endOfLife = new EndOfLife(catalog, new ManifestDeletion(registry.client()), CatalogPlacements.copies(catalog),
                "policy-bot", Clock.fixed(now, ZoneOffset.UTC));
        return new PolicyRetirement(endOfLife, CatalogPlacements.standingInEnvironments(catalog));
    }

    private List<String> actionsSinceBirth(ImageRecord image) {
        List<LifecycleEvent> history = catalog.history(image.digest());
        return history.subList(1, history.size()).stream().map(LifecycleEvent::action).toList();
    }

    private static List<String> due(List<PolicyDecision> plan, ImageRecord image) {
        return plan.stream().filter(d -> d.digest().equals(image.digest())).findFirst().orElseThrow()
                .dueNow().stream().map(PolicyStage::id).toList();
    }

    @Test
    void aStagedPolicysRealRunDoesWhatItsDryRunSaidAndPurgeDeletesFromTheRegistry() {
        TestRegistry registry = RealDocker.registry();
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        String family = "blessed/staged-" + unique;
        String dev = "dev/staged-" + unique;
        Digest oldest = pushed(registry, family, "1");
        Digest older = pushed(registry, family, "2");
        Digest newest = pushed(registry, family, "3");
        copyToDev(registry, family, oldest, dev);
        copyToDev(registry, family, newest, dev);
        new ImageSignatures(registry.client()).sign(ImageRef.parse(registry.host() + "/" + family), oldest,
                SigningKey.generate(), "test", now);
        ImageRecord a = recorded(registry, family + ":1", oldest, now.minus(Duration.ofDays(30)));
        ImageRecord b = recorded(registry, family + ":2", older, now.minus(Duration.ofDays(10)));
        ImageRecord c = recorded(registry, family + ":3", newest, now.minus(Duration.ofDays(1)));
        placeInDev(registry, a, dev, now.minus(Duration.ofDays(29)));
        placeInDev(registry, c, dev, now.minus(Duration.ofHours(20))); // supersedes a in dev
        RetirePolicy policy = RetirePolicy.parse("rules:\n  - family: \"*\"\n    retire: {afterDays: 5, keepNewest: 1}\n"
                + "    purge: {afterDays: 20}\n    reason: one release\n", "staged.yaml");

        List<PolicyDecision> dry = policyRun(registry, now).plan(policy);
        PolicyRunResult real = policyRun(registry, now).apply(policy, "staged.yaml", log);

        assertThat(real.decisions()).isEqualTo(dry);
        assertThat(due(dry, a)).containsExactly("retire", "purge");
        assertThat(due(dry, b)).containsExactly("retire");
        assertThat(dry.stream().filter(d -> d.digest().equals(c.digest())).findFirst().orElseThrow().spared()).isEqualTo("stands in dev");
        for (ImageRecord image : List.of(a, b, c)) {
            assertThat(actionsSinceBirth(image)).as(image.displayRef()).filteredOn(action -> !action.equals("promote"))
                    .containsExactlyElementsOf(due(dry, image));
        }
        ImageRef original = ImageRef.parse(registry.host() + "/" + family).withDigest(oldest);
        ImageRef devCopy = ImageRef.parse(registry.host() + "/" + dev + ":1").withDigest(oldest);
        assertThat(real.removals()).extracting(ManifestDeletion.Outcome::result).containsOnly(ManifestDeletion.Result.DELETED);
        assertThat(real.removals()).extracting(ManifestDeletion.Outcome::ref).contains(original.toString(), devCopy.toString());
        assertThat(real.removals()).as("the copy, the original and the original's signatures").hasSize(3);
        assertThatThrownBy(() -> registry.client().resolve(original)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> registry.client().resolve(devCopy)).isInstanceOf(NotFoundException.class);
        assertThat(new ImageSignatures(registry.client()).list(ImageRef.parse(registry.host() + "/" + family), oldest)).isEmpty();
        assertThat(registry.client().resolve(ImageRef.parse(registry.host() + "/" + family).withDigest(older))).isEqualTo(older);
        assertThat(registry.client().resolve(ImageRef.parse(registry.host() + "/" + dev + ":1"))).as("what dev holds").isEqualTo(newest);

        Instant later = b.createdAt().plus(Duration.ofDays(20)).plusSeconds(1);
        List<PolicyDecision> laterDry = policyRun(registry, later).plan(policy);
        PolicyRunResult laterReal = policyRun(registry, later).apply(policy, "staged.yaml", log);

        assertThat(laterReal.decisions()).isEqualTo(laterDry);
        assertThat(laterDry).extracting(PolicyDecision::digest).as("a purged image has no stage left").doesNotContain(a.digest());
        assertThat(due(laterDry, b)).containsExactly("purge");
        assertThat(actionsSinceBirth(b)).containsExactly("retire", "purge");
        assertThatThrownBy(() -> registry.client().resolve(ImageRef.parse(registry.host() + "/" + family).withDigest(older)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPurgeTheRegistryRefusesIsRecordedAndTriedAgainByTheNextRun() {
        try (TestRegistry noDelete = TestRegistry.builder().withDeleteDisabled().start()) {
            Instant now = Instant.parse("2026-11-22T12:00:00Z");
            String family = "blessed/refused-" + unique;
            ImageRecord image = recorded(noDelete, family + ":1", pushed(noDelete, family, "1"), now.minus(Duration.ofDays(30)));
            RetirePolicy policy = RetirePolicy.parse("rules:\n  - family: \"*\"\n    retire: {afterDays: 5}\n    purge: {afterDays: 20}\n",
                    "staged.yaml");

            PolicyRunResult first = policyRun(noDelete, now).apply(policy, "staged.yaml", log);
            List<PolicyDecision> again = policyRun(noDelete, now).plan(policy);

            assertThat(first.removals()).extracting(ManifestDeletion.Outcome::result).containsExactly(ManifestDeletion.Result.UNSUPPORTED);
            assertThat(actionsSinceBirth(image)).containsExactly("retire", EndOfLife.PURGE_FAILED_ACTION);
            assertThat(catalog.history(image.digest())).last().satisfies(e -> assertThat(e.details()).contains("unsupported"));
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("purge of").contains("the next policy run tries again");
            assertThat(due(again, image)).containsExactly("purge");
        }
    }
}
