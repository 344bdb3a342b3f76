package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two controllers' catalogs (two instances, each with connections of its own) on one database, writing the same rows at the
 * same moment behind a barrier, round after round: claiming the same rebuild (exactly one wins each time) and recording the
 * first sight of the same upstream (both succeed and agree). Here on one embedded (SQLite) file;
 * {@link TwoControllersOneCatalogPostgresIT} on PostgreSQL (two pools), {@link TwoControllersOneCatalogH2Test} on H2.
 */
class TwoControllersOneCatalogTest {
    private static final int ROUNDS = 100;
    private static final String DIGEST = "sha256:" + "d".repeat(64);

    @TempDir
    Path dir;
    private Catalog first;
    private Catalog second;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final String upstream = "127.0.0.1:5000/upstream/claims-" + unique + ":1";

    /** A catalog of its own on the shared database, as one controller opens it. */
    Catalog openCatalog() {
        return Catalog.open(dir.toString());
    }

    @BeforeEach
    void openTwo() {
        first = openCatalog();
        second = openCatalog();
    }

    @AfterEach
    void closeTwo() {
        first.close();
        second.close();
    }

    private RebuildClaims.Claim claim(String digest, String consumer, String controller) {
        return new RebuildClaims.Claim(upstream, digest, consumer, Instant.now(), controller);
    }

    private static String digest(int n) {
        return "sha256:" + String.format("%064x", n);
    }

    @Test
    void twoControllersClaimingOneChangeAtTheSameMomentOneWinsEveryRound() throws Exception {
        ExecutorService controllers = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        int firstWon = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String digest = digest(round);
                Future<List<RebuildClaims.Claim>> a = controllers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new RebuildClaims(first).claim(List.of(claim(digest, "images/base", "https://a.example/")));
                });
                Future<List<RebuildClaims.Claim>> b = controllers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new RebuildClaims(second).claim(List.of(claim(digest, "images/base", "https://b.example/")));
                });
                int won = a.get().size() + b.get().size();
                assertThat(won).as("claims won in round " + round).isEqualTo(1);
                assertThat(new RebuildClaims(first).held(upstream, digest)).singleElement()
                        .extracting(RebuildClaims.Claim::claimedBy).isEqualTo(a.get().isEmpty() ? "https://b.example/" : "https://a.example/");
                firstWon += a.get().size();
            }
        } finally {
            controllers.shutdownNow();
        }
        System.out.println(getClass().getSimpleName() + ": " + ROUNDS + " rounds, one winner each; the first controller won "
                + firstWon + ", the second " + (ROUNDS - firstWon));
    }

    @Test
    void twoControllersClaimingTheSameChangesAtOnceNeverSplitThem() throws Exception {
        ExecutorService controllers = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            for (int round = 0; round < ROUNDS / 4; round++) {
                // one check that finds two changes: the job is scheduled once, by whichever controller claims first
                List<String> digests = List.of(digest(1000 + 2 * round), digest(1001 + 2 * round));
                Future<List<RebuildClaims.Claim>> a = controllers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new RebuildClaims(first).claim(List.of(claim(digests.get(1), "apps/web", "a"), claim(digests.get(0), "apps/web", "a")));
                });
                Future<List<RebuildClaims.Claim>> b = controllers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new RebuildClaims(second).claim(List.of(claim(digests.get(0), "apps/web", "b"), claim(digests.get(1), "apps/web", "b")));
                });
                assertThat(List.of(a.get().size(), b.get().size())).as("round " + round).containsExactlyInAnyOrder(0, 2);
            }
        } finally {
            controllers.shutdownNow();
        }
    }

    @Test
    void aLaterDigestAndAnotherConsumerAreClaimsOfTheirOwn() {
        RebuildClaims a = new RebuildClaims(first);
        RebuildClaims b = new RebuildClaims(second);
        assertThat(a.claim(List.of(claim(digest(1), "images/base", "a")))).hasSize(1);
        assertThat(b.claim(List.of(claim(digest(1), "images/base", "b")))).as("the same change for the same job").isEmpty();

        assertThat(b.claim(List.of(claim(digest(2), "images/base", "b")))).as("the upstream patched again").hasSize(1);
        assertThat(b.claim(List.of(claim(digest(1), "images/other", "b")))).as("another job built on it").hasSize(1);
        assertThat(a.held(upstream, digest(1))).extracting(RebuildClaims.Claim::consumer)
                .containsExactlyInAnyOrder("images/base", "images/other");
    }

    @Test
    void aClaimGivenBackIsFreeAgainAndOnlyItsClaimantGivesItBack() {
        RebuildClaims a = new RebuildClaims(first);
        RebuildClaims b = new RebuildClaims(second);
        RebuildClaims.Claim taken = a.claim(List.of(claim(digest(3), "images/base", "a"))).get(0);

        b.release(List.of(claim(digest(3), "images/base", "b")));
        assertThat(a.held(upstream, digest(3))).as("not b's to give back").hasSize(1);

        a.release(List.of(taken));
        assertThat(a.held(upstream, digest(3))).isEmpty();
        assertThat(b.claim(List.of(claim(digest(3), "images/base", "b")))).hasSize(1);
    }

    @Test
    void twoControllersSeeingANewUpstreamAtOnceBothRecordTheSameFirstSighting() throws Exception {
        ExecutorService controllers = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            for (int round = 0; round < ROUNDS / 2; round++) {
                String ref = "127.0.0.1:5000/upstream/seen-" + unique + "-" + round + ":1";
                Instant a = Instant.parse("2026-12-01T10:00:00Z");
                Instant b = a.plusSeconds(1);
                Future<UpstreamObservations.Observation> seenByA = controllers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new UpstreamObservations(first).observe(ref, DIGEST, a);
                });
                Future<UpstreamObservations.Observation> seenByB = controllers.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return new UpstreamObservations(second).observe(ref, DIGEST, b);
                });
                // whichever recorded first, the digest has stood since that one's sighting, for both
                assertThat(seenByA.get().firstSeen()).as("round " + round).isEqualTo(seenByB.get().firstSeen());
            }
        } finally {
            controllers.shutdownNow();
        }
    }
}
