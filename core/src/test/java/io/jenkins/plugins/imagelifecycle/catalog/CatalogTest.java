package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's contract on the embedded (SQLite) catalog; {@link CatalogPostgresIT} runs it on PostgreSQL, {@link LegacyH2CatalogTest} on an older H2 directory. */
class CatalogTest {
    @TempDir
    Path dir;
    Catalog catalog;

    /** The location under test: a directory (SQLite) here; an older H2 directory or a JDBC URL in subclasses. */
    String location() {
        return dir.toString();
    }

    /** How this test's process opens the catalog at {@link #location()}. */
    Catalog openCatalog() {
        return Catalog.open(location());
    }

    /** What another process opening {@link #location()} needs in its environment (a password file for PostgreSQL). */
    java.util.Map<String, String> processEnvironment() {
        return java.util.Map.of();
    }

    /** A second JVM running {@link CatalogWriterMain} on this catalog. */
    private ProcessBuilder writerProcess(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                CatalogWriterMain.class.getName(), location()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(processEnvironment());
        return builder;
    }

    @BeforeEach
    void open() {
        catalog = openCatalog();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    static ImageRecord image(String name, String parent, Role role) {
        String digest = Digest.sha256(name).toString();
        return new ImageRecord(digest, "127.0.0.1:5000/" + name, List.of("127.0.0.1:5000/" + name + ":1"), role, parent,
                "127.0.0.1:5000/upstream/base:1", "sha256:" + "b".repeat(64), Instant.now(), Stage.BUILT, null, null,
                "tester", "{}");
    }

    static LifecycleEvent born(ImageRecord image) {
        return LifecycleEvent.of("tester", "bless", image.digest(), image.tags().get(0), null, Stage.BUILT, "test", null);
    }

    /**
     * The listing cursors (images, and beside them tags, events, test runs, contents, each merged in image order) give
     * every image with exactly what the per-image reads give, across page boundaries, with images that share a creation
     * time, images without tags, events or runs, and one with two tags, five events and three runs.
     */
    @Test
    void workUnderANameItsOwnThreadHoldsRunsAtOnceInsteadOfWaitingForItself() {
        // on PostgreSQL the inner lock would be asked for on a connection of its own and wait forever; on SQLite a second
        // lock on the same file in one JVM is refused
        assertThat(catalog.exclusively("promotion dev apps/x", () -> catalog.exclusively("promotion dev apps/x", () -> "ran")))
                .isEqualTo("ran");
    }

    @Test
    void listingPagesHoldEveryImageWithWhatThePerImageReadsGive() {
        Instant shared = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<String> digests = new ArrayList<>();
        ContentsStore contents = new ContentsStore(catalog);
        for (int k = 0; k < 23; k++) {
            ImageRecord named = image("listing/" + k, null, Role.BLESSED);
            // three images a millisecond: the listing's order must break the tie the same way in every cursor
            ImageRecord built = new ImageRecord(named.digest(), named.repository(), k % 5 == 4 ? List.of() : named.tags(),
                    named.role(), null, named.baseRef(), named.baseDigest(), shared.plusMillis(k / 3), Stage.BUILT, null, null,
                    "tester", "{}");
            catalog.recordBuilt(built, born(named));
            digests.add(built.digest());
            if (k % 4 == 1) {
                catalog.recordTestRun(new io.jenkins.plugins.imagelifecycle.model.TestRunRecord(0, built.digest(), shared, shared,
                        "tester", "PASSED", 3, 0, null, null, null), Stage.BUILT, LifecycleEvent.of("tester", "test",
                        built.digest(), null, Stage.BUILT, Stage.TESTED, "3 passed", null));
            }
            if (k % 6 == 2) {
                contents.recordFailure(built.digest(), "no layers " + k, shared, LifecycleEvent.of("tester", "contents",
                        built.digest(), null, null, null, "unreadable", null));
            }
        }
        String busy = digests.get(5);
        catalog.recordBuilt(image("listing/5", null, Role.BLESSED).withTags(List.of("127.0.0.1:5000/listing/5:2")),
                born(image("listing/5", null, Role.BLESSED)));
        for (int run = 0; run < 2; run++) {
            catalog.recordTestRun(new io.jenkins.plugins.imagelifecycle.model.TestRunRecord(0, busy, shared, shared.plusSeconds(run),
                    "tester", "FAILED", 1, run + 1, null, null, null), Stage.TESTED, LifecycleEvent.of("tester", "test",
                    busy, null, Stage.TESTED, Stage.TESTED, "failed", null));
        }

        List<Catalog.ImageActivityPage> pages = new ArrayList<>();
        catalog.eachImagePageWithActivity(7, Catalog.ListedEvents.READ, pages::add);
        List<List<ImageRecord>> plainPages = new ArrayList<>();
        catalog.eachImagePage(7, plainPages::add);
        List<Catalog.ImageActivityPage> withoutEvents = new ArrayList<>();
        catalog.eachImagePageWithActivity(7, Catalog.ListedEvents.NOT_READ, withoutEvents::add);

        assertThat(pages).extracting(p -> p.images().size()).containsExactly(7, 7, 7, 2);
        List<ImageRecord> listed = pages.stream().flatMap(p -> p.images().stream()).toList();
        assertThat(plainPages.stream().flatMap(List::stream).toList()).isEqualTo(listed);
        assertThat(listed).extracting(ImageRecord::digest).isEqualTo(catalog.images().stream().map(ImageRecord::digest).toList());
        assertThat(listed).extracting(ImageRecord::digest).containsExactlyInAnyOrderElementsOf(digests);
        for (Catalog.ImageActivityPage page : pages) {
            for (ImageRecord i : page.images()) {
                ImageRecord full = catalog.find(i.digest()).orElseThrow();
                assertThat(i.provenance()).isNull();
                assertThat(i.withTags(List.of())).isEqualTo(new ImageRecord(full.digest(), full.repository(), List.of(), full.role(),
                        full.parentDigest(), full.baseRef(), full.baseDigest(), full.createdAt(), full.stage(), full.eolDate(),
                        full.sourceCommit(), full.builtBy(), null));
                assertThat(i.tags()).isEqualTo(full.tags());
                assertThat(page.histories().getOrDefault(i.digest(), List.of())).isEqualTo(catalog.history(i.digest()));
                var runs = catalog.testRuns(i.digest());
                if (runs.isEmpty()) {
                    assertThat(page.tests()).doesNotContainKey(i.digest());
                } else {
                    var last = runs.get(runs.size() - 1);
                    assertThat(page.tests().get(i.digest())).isEqualTo(new TestRunTally(last.result(), last.passed(), last.failed(),
                            last.finishedAt(), runs.size()));
                }
                assertThat(Optional.ofNullable(page.contents().get(i.digest()))).isEqualTo(contents.summary(i.digest()));
            }
        }
        assertThat(listed.stream().filter(i -> i.digest().equals(busy)).findFirst().orElseThrow().tags()).hasSize(2);
        assertThat(pages.stream().map(p -> p.histories().get(busy)).filter(java.util.Objects::nonNull).findFirst().orElseThrow())
                .hasSize(5);
        assertThat(pages.stream().map(p -> p.tests().get(busy)).filter(java.util.Objects::nonNull).findFirst().orElseThrow().runs())
                .isEqualTo(3);
        assertThat(listed).filteredOn(i -> i.tags().isEmpty()).hasSize(4);
        // without events: the same images, runs and contents, and no event at all
        assertThat(withoutEvents).extracting(Catalog.ImageActivityPage::images).isEqualTo(pages.stream()
                .map(Catalog.ImageActivityPage::images).toList());
        assertThat(withoutEvents).extracting(Catalog.ImageActivityPage::tests).isEqualTo(pages.stream()
                .map(Catalog.ImageActivityPage::tests).toList());
        assertThat(withoutEvents).extracting(Catalog.ImageActivityPage::contents).isEqualTo(pages.stream()
                .map(Catalog.ImageActivityPage::contents).toList());
        assertThat(withoutEvents).allSatisfy(p -> assertThat(p.histories()).isEmpty());
    }

    @Test
    void recordsAnImageWithItsBirthEventAndFindsItByDigestAndTag() {
        ImageRecord blessed = catalog.recordBuilt(image("blessed/a", "sha256:" + "b".repeat(64), Role.BLESSED),
                born(image("blessed/a", null, Role.BLESSED)));

        assertThat(catalog.find(blessed.digest())).contains(blessed);
        assertThat(catalog.find(ImageRef.parse("127.0.0.1:5000/blessed/a:1"))).contains(blessed);
        assertThat(catalog.require(blessed.digest())).isEqualTo(blessed);
        assertThat(catalog.history(blessed.digest())).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("bless"));
        assertThatThrownBy(() -> catalog.require("127.0.0.1:5000/nothing:1"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'127.0.0.1:5000/nothing:1'");
    }

    @Test
    void sameDigestRecordedTwiceKeepsOneImageAndBothEvents() {
        ImageRecord a = image("blessed/a", null, Role.BLESSED);
        catalog.recordBuilt(a, born(a));
        catalog.recordBuilt(a, born(a));
        assertThat(catalog.images()).hasSize(1);
        assertThat(catalog.history(a.digest())).hasSize(2);
    }

    @Test
    void descendantsAndAncestorsFollowParentLinksAtAnyDepth() {
        ImageRecord blessed = image("blessed/a", "sha256:" + "b".repeat(64), Role.BLESSED);
        ImageRecord app1 = image("apps/one", blessed.digest(), Role.AUGMENTED);
        ImageRecord app2 = image("apps/two", blessed.digest(), Role.AUGMENTED);
        ImageRecord grandChild = image("apps/one-debug", app1.digest(), Role.AUGMENTED);
        for (ImageRecord i : List.of(blessed, app1, app2, grandChild)) {
            catalog.recordBuilt(i, born(i));
        }
        assertThat(catalog.descendants(blessed.digest())).extracting(ImageRecord::digest)
                .containsExactly(app1.digest(), app2.digest(), grandChild.digest());
        assertThat(catalog.ancestors(grandChild)).extracting(ImageRecord::digest).containsExactly(app1.digest(), blessed.digest());
        assertThat(catalog.descendants(app2.digest())).isEmpty();
    }

    @Test
    void transitionIsCompareAndSetAndRecordsTheEvent() {
        ImageRecord a = image("blessed/a", null, Role.BLESSED);
        catalog.recordBuilt(a, born(a));
        catalog.transition(a.digest(), Stage.BUILT,
                LifecycleEvent.of("tester", "retire", a.digest(), null, Stage.BUILT, Stage.RETIRED, "eol", null));
        assertThat(catalog.find(a.digest()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);

        assertThatThrownBy(() -> catalog.transition(a.digest(), Stage.BUILT,
                LifecycleEvent.of("tester", "test", a.digest(), null, Stage.BUILT, Stage.TESTED, "late", null)))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("is retired, not built");
        assertThat(catalog.history(a.digest())).extracting(LifecycleEvent::action).containsExactly("bless", "retire");
    }

    @Test
    void concurrentWritersInOneProcessLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                ImageRecord img = image("apps/p" + n, null, Role.AUGMENTED);
                catalog.recordBuilt(img, born(img));
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(catalog.images()).hasSize(200);
        assertThat(catalog.recentEvents(1000)).hasSize(200);
    }

    @Test
    void twoRacingTransitionsFromTheSameStageLetExactlyOneWin() throws Exception {
        ImageRecord a = image("blessed/race", null, Role.BLESSED);
        catalog.recordBuilt(a, born(a));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Boolean>> results = new ArrayList<>();
        for (Stage to : List.of(Stage.TESTED, Stage.FAILED)) {
            results.add(pool.submit(() -> {
                try {
                    catalog.transition(a.digest(), Stage.BUILT,
                            LifecycleEvent.of("t", "test", a.digest(), null, Stage.BUILT, to, "race", null));
                    return true;
                } catch (GateRefusedException e) {
                    return false;
                }
            }));
        }
        int wins = 0;
        for (Future<Boolean> r : results) {
            wins += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(wins).isEqualTo(1);
        assertThat(catalog.history(a.digest())).hasSize(2);
    }

    @Test
    void whatAProcessCommittedSurvivesItsSuddenDeath() throws Exception {
        catalog.close();
        Process writer = writerProcess("killed", "3", "then-hang").start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream()));
        assertThat(out.readLine()).isEqualTo("committed");
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        catalog = openCatalog();
        assertThat(catalog.images()).hasSize(3);
    }

    @Test
    void anotherProcessWritesToTheSameCatalogAtTheSameTime() throws Exception {
        assertThat(catalog.images()).isEmpty();
        Process other = writerProcess("other", "100").redirectErrorStream(true).start();
        for (int i = 0; i < 100; i++) {
            ImageRecord img = image("apps/here" + i, null, Role.AUGMENTED);
            catalog.recordBuilt(img, born(img));
        }
        assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(other.getInputStream().readAllBytes());
        assertThat(other.exitValue()).as(output).isZero();
        assertThat(catalog.images()).hasSize(200);
        assertThat(catalog.recentEvents(1000)).hasSize(200);
    }
}
