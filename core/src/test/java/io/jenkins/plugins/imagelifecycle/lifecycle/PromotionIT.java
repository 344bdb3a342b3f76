package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.registry.RegistryEndpoint;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion of the same digest through environments, against real registries and a real catalog. */
@Tag("integration")
class PromotionIT {
    private static ImageRef base;
    private static TestRegistry registry;

    @TempDir
    Path workspace;
    @TempDir
    Path catalogDir;
    private Catalog catalog;
    private BuildOperations builds;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final LifecycleConfig config = LifecycleConfig.empty();

    @BeforeAll
    static void upstream() {
        registry = RealDocker.registry();
        base = RealDocker.busyboxBase("upstream/busybox-promote:1", "promote");
    }

    @BeforeEach
    void setUp() {
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/ok.yaml", "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: hooks\n    path: /etc/image-hooks/marker\n");
        catalog = Catalog.open(catalogDir.toString());
        builds = new BuildOperations(catalog, new ContainerBuild(RealDocker.engine(), registry.client(), h -> Optional.empty()),
                registry.client(), new BuildContext("builder", "https://builder.example/test", "urn:test:" + unique));
    }

    private BuiltImage bless(String repo, boolean tested) {
        return builds.bless(workspace, new ContainerBuildRequest(base.toString(), "blessed/Dockerfile", "blessed",
                registry.host() + "/" + repo + "-" + unique + ":1", Map.of(), null, null,
                tested ? List.of("tests/ok.yaml") : List.of()), RealDocker.quiet());
    }

    private PromoteOperation op(LifecycleConfig cfg, RegistryClient client) {
        return new PromoteOperation(catalog, cfg, client, Clock.systemUTC());
    }

    private PromotionResult promote(BuiltImage image, String env, String approver) {
        return op(config, registry.client()).promote(new PromoteRequest(image.record().digest(), env, approver, null),
                "alice", RealDocker.quiet());
    }

    @Test
    void theSameDigestTravelsDevQaProdWithItsAttestationsAndEveryStepOnRecord() {
        BuiltImage image = bless("apps/travel", true);
        String digest = image.record().digest();

        PromotionResult dev = promote(image, "dev", null);
        PromotionResult qa = promote(image, "qa", null);
        PromotionResult prod = promote(image, "prod", "carol");

        for (PromotionResult r : List.of(dev, qa, prod)) {
            assertThat(registry.client().resolve(ImageRef.parse(r.targetRef())).toString()).isEqualTo(digest);
            assertThat(r.attestationsCopied()).as("provenance, test results, SBOM").isEqualTo(3);
        }
        assertThat(prod.targetRef()).isEqualTo(registry.host() + "/prod/apps/travel-" + unique + ":1");
        assertThat(new AttestationStore(registry.client()).list(ImageRef.parse(prod.targetRef()), image.record().digest().transform(
                io.jenkins.plugins.imagelifecycle.model.Digest::parse)))
                .extracting(AttestationStore.Attestation::predicateType)
                .containsExactlyInAnyOrder("https://slsa.dev/provenance/v1", "https://in-toto.io/attestation/test-result/v0.1",
                        "https://cyclonedx.org/bom");
        assertThat(catalog.current("prod", image.record().repository())).contains(digest);
        assertThat(catalog.placements(digest)).extracting(Placement::environment).containsExactly("dev", "qa", "prod");
        LifecycleEvent last = catalog.history(digest).get(catalog.history(digest).size() - 1);
        assertThat(last.action()).isEqualTo("promote");
        assertThat(last.actor()).isEqualTo("alice");
        assertThat(Json.read(last.details()).path("approver").asText()).isEqualTo("carol");
        assertThat(last.fromStage()).isEqualTo(Stage.TESTED).isEqualTo(last.toStage());
    }

    @Test
    void promotingAgainIsIdempotentAndSaysSo() {
        BuiltImage image = bless("apps/again", true);
        assertThat(promote(image, "dev", null).alreadyThere()).isFalse();
        int events = catalog.history(image.record().digest()).size();
        assertThat(promote(image, "dev", null).alreadyThere()).isTrue();
        assertThat(catalog.history(image.record().digest())).hasSize(events);
    }

    @Test
    void gatesRefuseWithTheReasonAndChangeNothing() {
        BuiltImage untested = bless("apps/gates", false);
        String digest = untested.record().digest();
        assertThatThrownBy(() -> promote(untested, "dev", null)).isInstanceOf(GateRefusedException.class)
                .hasMessageContaining("no passing test run");
        assertThatThrownBy(() -> promote(untested, "staging", null)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'staging'").hasMessageContaining("dev, qa, prod");

        PromotionResult waived = op(config, registry.client()).promote(new PromoteRequest(digest, "dev", null, "hotfix INC-42"),
                "alice", RealDocker.quiet());
        assertThat(catalog.placements(digest).get(0).waivedTests()).isEqualTo("hotfix INC-42");
        assertThat(waived.alreadyThere()).isFalse();

        assertThatThrownBy(() -> op(config, registry.client()).promote(new PromoteRequest(digest, "prod", "carol", "hotfix"),
                "alice", RealDocker.quiet())).isInstanceOf(GateRefusedException.class).hasMessageContaining("has not been in qa");
        op(config, registry.client()).promote(new PromoteRequest(digest, "qa", null, "hotfix"), "alice", RealDocker.quiet());
        assertThatThrownBy(() -> op(config, registry.client()).promote(new PromoteRequest(digest, "prod", null, "hotfix"),
                "alice", RealDocker.quiet())).isInstanceOf(GateRefusedException.class).hasMessageContaining("protected");
        assertThat(catalog.current("prod", untested.record().repository())).isEmpty();

        catalog.transition(digest, Stage.BUILT, LifecycleEvent.of("t", "retire", digest, null, Stage.BUILT, Stage.RETIRED, "eol", null));
        assertThatThrownBy(() -> op(config, registry.client()).promote(new PromoteRequest(digest, "prod", "carol", "x"),
                "alice", RealDocker.quiet())).isInstanceOf(GateRefusedException.class).hasMessageContaining("retired");
    }

    @Test
    void deprecatedImagesPromoteUntilTheirEndOfLifeAndSkippingNeedsPermission() {
        BuiltImage image = bless("apps/eol", true);
        String digest = image.record().digest();
        catalog.inTransaction(c -> {
            try (var s = c.prepareStatement("UPDATE images SET stage = 'deprecated', eol_date = ? WHERE digest = ?")) {
                s.setDate(1, java.sql.Date.valueOf(LocalDate.of(2030, 1, 31)));
                s.setString(2, digest);
                return s.executeUpdate();
            }
        });
        LifecycleConfig skipping = new LifecycleConfig(List.of(), List.of(new Environment("dev", null, false, false),
                new Environment("hotfix", null, false, true)));
        Clock before = Clock.fixed(LocalDate.of(2030, 1, 31).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Clock after = Clock.fixed(LocalDate.of(2030, 2, 1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        assertThatThrownBy(() -> new PromoteOperation(catalog, skipping, registry.client(), after)
                .promote(new PromoteRequest(digest, "hotfix", null, null), "a", RealDocker.quiet()))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("end of life on 2030-01-31");
        assertThat(new PromoteOperation(catalog, skipping, registry.client(), before)
                .promote(new PromoteRequest(digest, "hotfix", null, null), "a", RealDocker.quiet()).alreadyThere()).isFalse();
    }

    @Test
    void rollbackIsPromotingThePreviousDigestAgain() {
        BuiltImage first = bless("apps/roll", true);
        promote(first, "dev", null);
        BuiltImage second = bless("apps/roll", true);
        assertThat(second.record().digest()).isNotEqualTo(first.record().digest());
        PromotionResult forward = promote(second, "dev", null);
        assertThat(forward.previous()).isEqualTo(first.record().digest());

        PromotionResult back = promote(first, "dev", null);
        assertThat(back.previous()).isEqualTo(second.record().digest());
        assertThat(registry.client().resolve(ImageRef.parse(back.targetRef())).toString()).isEqualTo(first.record().digest());
        assertThat(catalog.environmentHistory("dev", first.record().repository())).extracting(Placement::digest)
                .containsExactly(first.record().digest(), second.record().digest(), first.record().digest());
    }

    @Test
    void concurrentPromotionsIntoOneEnvironmentLoseNoUpdate() throws Exception {
        List<BuiltImage> images = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            images.add(bless("apps/race", true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<PromotionResult>> futures = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (BuiltImage image : images) {
                futures.add(pool.submit(() -> op(config, registry.client()).promote(
                        new PromoteRequest(image.record().digest(), "dev", null, null), "racer", RealDocker.quiet())));
            }
        }
        int recorded = 0;
        for (Future<PromotionResult> f : futures) {
            recorded += f.get(120, TimeUnit.SECONDS).alreadyThere() ? 0 : 1;
        }
        pool.shutdown();
        String family = images.get(0).record().repository();
        List<Placement> history = catalog.environmentHistory("dev", family);
        assertThat(history).hasSize(recorded);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).previous()).as("each placement saw the one before it").isEqualTo(history.get(i - 1).digest());
        }
        assertThat(catalog.current("dev", family)).contains(history.get(history.size() - 1).digest());
        assertThat(registry.client().resolve(ImageRef.parse(history.get(history.size() - 1).targetRef())).toString())
                .as("the registry tag and the catalog pointer agree").isEqualTo(history.get(history.size() - 1).digest());
    }

    @Test
    void anotherRegistryAsEnvironmentAndARegistryStoppingMidWayLeaveTheCatalogUnchanged() {
        BuiltImage image = bless("apps/far", true);
        TestRegistry far = TestRegistry.start();
        try {
            LifecycleConfig remote = new LifecycleConfig(List.of(), List.of(
                    new Environment("edge", far.host() + "/edge/{name}:{tag}", false, false)));
            RegistryClient both = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            far.stop();
            assertThatThrownBy(() -> op(remote, both).promote(new PromoteRequest(image.record().digest(), "edge", null, null),
                    "a", RealDocker.quiet())).isInstanceOf(UnavailableException.class).hasMessageContaining("Copy stopped at step");
            assertThat(catalog.placements(image.record().digest())).isEmpty();

            far.restart();
            PromotionResult done = op(remote, both).promote(new PromoteRequest(image.record().digest(), "edge", null, null),
                    "a", RealDocker.quiet());
            assertThat(far.client().resolve(ImageRef.parse(done.targetRef())).toString()).isEqualTo(image.record().digest());
            assertThat(catalog.placements(image.record().digest())).hasSize(1);
        } finally {
            far.close();
        }
    }

    @Test
    void aSecondEnvironmentOnTheOtherRegistryMountsFromTheFirstCopyInsteadOfStreamingAgain() {
        BuiltImage image = bless("apps/mount", true);
        String digest = image.record().digest();
        TestRegistry far = TestRegistry.start();
        try {
            LifecycleConfig remote = new LifecycleConfig(List.of(), List.of(
                    new Environment("edge", far.host() + "/edge/{name}:{tag}", false, true),
                    new Environment("edge2", far.host() + "/edge2/{name}:{tag}", false, true)));
            RegistryClient both = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
            op(remote, both).promote(new PromoteRequest(digest, "edge", null, null), "a", new java.io.PrintStream(first, true));
            assertThat(first.toString()).contains("Copied blob").doesNotContain("Mounted blob");

            java.io.ByteArrayOutputStream second = new java.io.ByteArrayOutputStream();
            PromotionResult done = op(remote, both).promote(new PromoteRequest(digest, "edge2", null, null), "a",
                    new java.io.PrintStream(second, true));

            assertThat(second.toString()).as("no blob crosses registries a second time")
                    .contains("Mounted blob").contains("from edge/").doesNotContain("Copied blob");
            assertThat(far.client().resolve(ImageRef.parse(done.targetRef())).toString()).isEqualTo(digest);
            assertThat(done.attestationsCopied()).as("provenance, test results, SBOM").isEqualTo(3);
        } finally {
            far.close();
        }
    }
}
