package io.jenkins.plugins.imagelifecycle.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.contents.LayeredImages;
import io.jenkins.plugins.imagelifecycle.lifecycle.AdvisoryOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.EndOfLife;
import io.jenkins.plugins.imagelifecycle.lifecycle.CatalogPlacements;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireRequest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patch detection against the real registry: the upstream tag is really re-pushed with other content. */
@Tag("integration")
class UpstreamWatchIT {
    @TempDir
    Path dir;
    private Catalog catalog;
    private TestRegistry registry;
    private SyntheticImages images;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.toString());
        registry = RealDocker.registry();
        images = new SyntheticImages(catalog, registry.host());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private UpstreamWatch watch(Duration quiet, Clock clock) {
        return new UpstreamWatch(catalog, registry.client(), 8, quiet, clock);
    }

    private static String openssl(String version, String extra) {
        return "Package: libssl3\nStatus: install ok installed\nVersion: " + version + "\nArchitecture: amd64\nSource: openssl\n" + extra;
    }

    @Test
    void anAdvisoryStepSaysWhetherTheNewerUpstreamAlreadyHoldsTheFix() throws Exception {
        ImageRef upstreamRepo = ImageRef.parse(registry.host() + "/upstream/fix-" + unique + ":1");
        ImageRef v1 = LayeredImages.pushDebian(registry.client(), upstreamRepo, openssl("3.0.11-1~deb12u1", ""));
        ImageRef blessedPush = LayeredImages.pushDebian(registry.client(), ImageRef.parse(registry.host() + "/blessed/fix-" + unique + ":1"),
                openssl("3.0.11-1~deb12u1", "\nPackage: hooks\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n"));
        ImageRecord blessed = images.record("blessed/fix-" + unique + ":1", blessedPush.digest().orElseThrow().toString(), Role.BLESSED,
                null, upstreamRepo.toString(), v1.digest().orElseThrow().toString(), Instant.now().minusSeconds(60));
        new ImageContentsOperation(catalog, registry.client(), Clock.systemUTC()).read(blessed, "tester", RealDocker.quiet());
        Path osv = java.nio.file.Files.createDirectories(dir.resolve("osv"));
        java.nio.file.Files.writeString(osv.resolve("DSA-1.json"), "{\"id\":\"DSA-" + unique + "\",\"modified\":\"2026-11-01T00:00:00Z\","
                + "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"openssl\"},\"ranges\":[{\"type\":"
                + "\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"3.0.13-1~deb12u1\"}]}]}]}");
        new AdvisoryOperation(catalog, Clock.systemUTC()).importAdvisories(java.util.List.of(osv), "tester");
        String advisory = "DSA-" + unique + ": openssl 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1";
        UpstreamWatch watch = watch(Duration.ZERO, Clock.systemUTC());

        assertThat(watch.check().steps()).singleElement().extracting(PlanStep::reasons).asList().containsExactly(advisory
                + "; the upstream " + upstreamRepo + " is unchanged: the rebuild must install the fix (its Dockerfile runs the package manager)");

        ImageRef v2 = LayeredImages.pushDebian(registry.client(), upstreamRepo, openssl("3.0.11-1~deb12u1",
                "\nPackage: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\nSource: zlib\n"));
        assertThat(watch.check().steps()).singleElement().extracting(PlanStep::reasons).asList().containsExactly(
                "base patched: " + upstreamRepo + " now " + v2.digest().orElseThrow(),
                advisory + "; the newer upstream " + upstreamRepo + " (" + v2.digest().orElseThrow() + ") still holds openssl "
                        + "3.0.11-1~deb12u1: the rebuild must install the fix (its Dockerfile runs the package manager)");

        ImageRef v3 = LayeredImages.pushDebian(registry.client(), upstreamRepo, openssl("3.0.13-1~deb12u1", ""));
        assertThat(watch.check().steps()).singleElement().extracting(PlanStep::reasons).asList().containsExactly(
                "base patched: " + upstreamRepo + " now " + v3.digest().orElseThrow(),
                advisory + "; the newer upstream " + upstreamRepo + " (" + v3.digest().orElseThrow() + ") holds openssl "
                        + "3.0.13-1~deb12u1: the cascade from bless picks it up");
    }

    @Test
    void aRePushedUpstreamTagMakesAPlanOfTheBlessedImageAndItsDescendantsInBuildOrder() {
        ImageRef upstream = RealDocker.busyboxBase("upstream/watch-" + unique + ":1", "v1");
        String upstreamRef = upstream.withoutDigest().toString();
        Instant t0 = Instant.now().minusSeconds(600);
        ImageRecord blessed = images.blessed("blessed/w-" + unique + ":1", upstreamRef, upstream.digest().orElseThrow().toString(), t0);
        ImageRecord app = images.child("apps/w-" + unique + ":1", blessed, t0.plusSeconds(60));
        ImageRecord app2 = images.child("apps/w2-" + unique + ":1", app, t0.plusSeconds(120));
        UpstreamWatch watch = watch(Duration.ZERO, Clock.systemUTC());

        RebuildPlan before = watch.check();
        assertThat(before.rebuildsDue()).isFalse();
        assertThat(before.upstreams()).singleElement().satisfies(u -> {
            assertThat(u.upstreamRef()).isEqualTo(upstreamRef);
            assertThat(u.state()).isEqualTo(UpstreamStatus.State.UNCHANGED);
        });

        ImageRef patched = RealDocker.busyboxBase("upstream/watch-" + unique + ":1", "v2-patched");
        assertThat(patched.digest()).isNotEqualTo(upstream.digest());

        RebuildPlan plan = watch.check();
        assertThat(plan.rebuildsDue()).isTrue();
        assertThat(plan.upstreams()).singleElement().satisfies(u -> {
            assertThat(u.state()).isEqualTo(UpstreamStatus.State.PATCHED);
            assertThat(u.current()).isEqualTo(patched.digest().orElseThrow().toString());
            assertThat(u.builtFrom()).isEqualTo(upstream.digest().orElseThrow().toString());
        });
        assertThat(plan.steps()).extracting(PlanStep::digest).containsExactly(blessed.digest(), app.digest(), app2.digest());
        PlanStep first = plan.steps().get(0);
        assertThat(first.role()).isEqualTo(Role.BLESSED);
        assertThat(first.baseDigest()).isEqualTo(upstream.digest().orElseThrow().toString());
        assertThat(first.builtBy()).isEqualTo("job/blessed/w-" + unique + ":1#1");
        assertThat(first.invocationId()).isEqualTo("https://ci.example/job/blessed/w-" + unique + ":1/1/");
        assertThat(plan.steps().get(1).parentDigest()).isEqualTo(blessed.digest());
        assertThat(plan.steps().get(1).sourceCommit()).isEqualTo(app.sourceCommit());
        assertThat(plan.steps().get(1).reasons()).singleElement().asString().contains("base patched").contains(upstreamRef);
        assertThat(plan.toJson().path("plan").size()).isEqualTo(3);
        assertThat(plan.toTable()).contains("patched").contains(app.displayRef()).contains(first.builtBy());

        // a rebuild on the patched digest makes the upstream current again; what was built on the old
        // blessed image is still due, now because its parent was superseded
        ImageRecord rebuilt = images.blessed("blessed/w-" + unique + ":2", upstreamRef, patched.digest().orElseThrow().toString(),
                Instant.now());
        RebuildPlan rest = watch.check();
        assertThat(rest.steps()).extracting(PlanStep::digest).containsExactly(app.digest(), app2.digest());
        assertThat(rest.steps().get(0).reasons()).containsExactly("parent superseded: " + blessed.repository() + " now "
                + rebuilt.digest());
        // and once they are rebuilt on it, nothing is due
        ImageRecord app3 = images.child("apps/w-" + unique + ":2", rebuilt, Instant.now().plusSeconds(1));
        images.child("apps/w2-" + unique + ":2", app3, Instant.now().plusSeconds(2));
        assertThat(watch.check().rebuildsDue()).isFalse();
    }

    @Test
    void aChangeCountsOnlyAfterItStoodUnchangedForTheQuietPeriod() {
        ImageRef upstream = RealDocker.busyboxBase("upstream/quiet-" + unique + ":1", "q1");
        String upstreamRef = upstream.withoutDigest().toString();
        images.blessed("blessed/q-" + unique + ":1", upstreamRef, upstream.digest().orElseThrow().toString(),
                Instant.now().minusSeconds(600));
        RealDocker.busyboxBase("upstream/quiet-" + unique + ":1", "q2");
        Instant start = Instant.now();

        RebuildPlan first = watch(Duration.ofHours(2), Clock.fixed(start, ZoneOffset.UTC)).check();
        assertThat(first.upstreams()).singleElement().extracting(UpstreamStatus::state).isEqualTo(UpstreamStatus.State.QUIET);
        assertThat(first.rebuildsDue()).isFalse();

        RebuildPlan hourLater = watch(Duration.ofHours(2), Clock.fixed(start.plus(Duration.ofHours(1)), ZoneOffset.UTC)).check();
        assertThat(hourLater.upstreams()).singleElement().extracting(UpstreamStatus::state).isEqualTo(UpstreamStatus.State.QUIET);

        // the upstream is rebuilt again meanwhile: the quiet period starts over from the newer digest
        RealDocker.busyboxBase("upstream/quiet-" + unique + ":1", "q3");
        RebuildPlan noisy = watch(Duration.ofHours(2), Clock.fixed(start.plus(Duration.ofMinutes(150)), ZoneOffset.UTC)).check();
        assertThat(noisy.upstreams()).singleElement().extracting(UpstreamStatus::state).isEqualTo(UpstreamStatus.State.QUIET);

        RebuildPlan settled = watch(Duration.ofHours(2), Clock.fixed(start.plus(Duration.ofMinutes(271)), ZoneOffset.UTC)).check();
        assertThat(settled.upstreams()).singleElement().extracting(UpstreamStatus::state).isEqualTo(UpstreamStatus.State.PATCHED);
        assertThat(settled.steps()).hasSize(1);
    }

    @Test
    void changesOfSeveralUpstreamsInOneCheckMakeOnePlanAndAnUnreachableOneIsReported() {
        ImageRef a = RealDocker.busyboxBase("upstream/ga-" + unique + ":1", "a1");
        ImageRef b = RealDocker.busyboxBase("upstream/gb-" + unique + ":1", "b1");
        ImageRecord blessedA = images.blessed("blessed/ga-" + unique + ":1", a.withoutDigest().toString(),
                a.digest().orElseThrow().toString(), Instant.now().minusSeconds(60));
        ImageRecord blessedB = images.blessed("blessed/gb-" + unique + ":1", b.withoutDigest().toString(),
                b.digest().orElseThrow().toString(), Instant.now().minusSeconds(50));
        images.blessed("blessed/gone-" + unique + ":1", registry.host() + "/upstream/missing-" + unique + ":1",
                "sha256:" + "c".repeat(64), Instant.now().minusSeconds(40));
        RealDocker.busyboxBase("upstream/ga-" + unique + ":1", "a2");
        RealDocker.busyboxBase("upstream/gb-" + unique + ":1", "b2");

        RebuildPlan plan = watch(Duration.ZERO, Clock.systemUTC()).check();

        assertThat(plan.steps()).extracting(PlanStep::digest).containsExactly(blessedA.digest(), blessedB.digest());
        assertThat(plan.upstreams()).extracting(UpstreamStatus::state).containsExactlyInAnyOrder(
                UpstreamStatus.State.PATCHED, UpstreamStatus.State.PATCHED, UpstreamStatus.State.UNREACHABLE);
    }

    @Test
    void descendantsOfARetiredParentAppearInThePlanAsOutdated() {
        ImageRef upstream = RealDocker.busyboxBase("upstream/ret-" + unique + ":1", "r1");
        ImageRecord blessed = images.blessed("blessed/ret-" + unique + ":1", upstream.withoutDigest().toString(),
                upstream.digest().orElseThrow().toString(), Instant.now().minusSeconds(60));
        ImageRecord app = images.child("apps/ret-" + unique + ":1", blessed, Instant.now().minusSeconds(30));
        new EndOfLife(catalog, new ManifestDeletion(registry.client()), CatalogPlacements.copies(catalog), "tester", Clock.systemUTC())
                .retire(new RetireRequest(blessed.digest(), "CVE", false, false, false), RealDocker.quiet());

        RebuildPlan plan = watch(Duration.ZERO, Clock.systemUTC()).check();

        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.digest()).isEqualTo(app.digest());
            assertThat(s.reasons()).containsExactly("parent retired: " + blessed.digest());
        });
    }
}
