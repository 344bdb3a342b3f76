package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promote} (issue 19: a CLI test for every command) on a tiny image in a registry of the test's own: the recorded
 * digest, unchanged, under each environment's tag; the catalog's placement, pointer and event; {@code --json}'s keys; a
 * second promotion that finds it there already; the order of environments kept; a protected environment that needs an
 * approver and records the one named.
 */
@Tag("integration")
class PromoteCommandIT {
    private static final String WAIVER = "a tiny image has nothing to test";

    @TempDir
    Path dir;

    private TestRegistry registry;
    private Path catalog;
    private Path config;
    private String family;
    private Digest digest;

    @BeforeEach
    void aRecordedImageInItsRegistry() throws Exception {
        registry = TestRegistry.start();
        catalog = dir.resolve("catalog");
        // the default environments, dev, qa and prod (protected), whatever this machine's own configuration holds
        config = Files.writeString(dir.resolve("config.yaml"), "registries: []\n");
        digest = TinyImages.push(registry.client(), ImageRef.parse(registry.host() + "/apps/promoted:1"), "promote-cli");
        try (Catalog c = Catalog.open(catalog.toString())) {
            family = new SyntheticImages(c, registry.host()).record("apps/promoted:1", digest.toString(), Role.AUGMENTED, null, null, null,
                    Instant.now()).repository();
        }
    }

    @AfterEach
    void stopTheRegistry() {
        registry.close();
    }

    private CliRun promote(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("promote", "--config", config.toString(), "--image", digest.toString(),
                "--waive-tests", WAIVER));
        args.addAll(List.of(more));
        return CliRun.onCatalog(catalog, args.toArray(String[]::new));
    }

    @Test
    void theSameDigestGoesFromEnvironmentToEnvironmentAndIsRecordedAtEachStep() {
        CliRun skipping = promote("--to", "qa");
        assertThat(skipping.exitCode()).as(skipping.err()).isEqualTo(1);
        assertThat(skipping.err().lines().filter(l -> l.startsWith("image-lifecycle: "))).singleElement().asString()
                .contains("has not been in dev, which comes before qa");

        CliRun dev = promote("--json", "--to", "dev");
        assertThat(dev.exitCode()).as(dev.err()).isZero();
        JsonNode json = Json.read(dev.out());
        String target = registry.host() + "/dev/apps/promoted:1";
        assertThat(json.path("environment").asText()).isEqualTo("dev");
        assertThat(json.path("digest").asText()).isEqualTo(digest.toString());
        assertThat(json.path("ref").asText()).isEqualTo(target);
        assertThat(json.path("target").asText()).isEqualTo(target);
        assertThat(json.path("pinned").asText()).isEqualTo(registry.host() + "/dev/apps/promoted@" + digest);
        assertThat(json.path("source").asText()).isEqualTo(family + "@" + digest);
        assertThat(json.path("alreadyThere").asBoolean()).isFalse();
        assertThat(json.path("previous").isNull()).isTrue();
        assertThat(json.path("attestationsCopied").asInt()).isZero();
        assertThat(json.path("verification").isNull()).as("dev verifies nothing").isTrue();
        assertThat(registry.client().resolve(ImageRef.parse(target))).as("the environment's tag").isEqualTo(digest);

        CliRun qa = promote("--to", "qa");
        assertThat(qa.exitCode()).as(qa.err()).isZero();
        assertThat(qa.out().strip()).isEqualTo("promoted to qa: " + registry.host() + "/qa/apps/promoted:1 (" + digest + ")");
        CliRun again = promote("--to", "qa");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("already in qa: ");

        try (Catalog c = Catalog.open(catalog.toString())) {
            assertThat(c.current("dev", family)).contains(digest.toString());
            assertThat(c.current("qa", family)).contains(digest.toString());
            assertThat(c.environmentHistory("qa", family)).as("the second promotion placed nothing").singleElement()
                    .satisfies(p -> {
                        assertThat(p.actor()).isEqualTo(Actor.cliUser());
                        assertThat(p.waivedTests()).isEqualTo(WAIVER);
                        assertThat(p.kind()).isEqualTo(Placement.PROMOTION);
                    });
            assertThat(c.history(digest.toString())).filteredOn(e -> e.action().equals("promote"))
                    .extracting(LifecycleEvent::ref).containsExactly(target, registry.host() + "/qa/apps/promoted:1");
            assertThat(c.history(digest.toString())).filteredOn(e -> e.action().equals("promote"))
                    .allSatisfy(e -> assertThat(e.reason()).contains("tests waived: " + WAIVER));
        }
        assertThat(registry.client().resolve(ImageRef.parse(registry.host() + "/qa/apps/promoted:1"))).isEqualTo(digest);
    }

    @Test
    void aProtectedEnvironmentTakesTheImageOnlyWithTheApproverNamed() {
        assertThat(promote("--to", "dev").exitCode()).isZero();
        assertThat(promote("--to", "qa").exitCode()).isZero();

        CliRun unapproved = promote("--to", "prod");
        assertThat(unapproved.exitCode()).isEqualTo(1);
        assertThat(unapproved.err().lines().filter(l -> l.startsWith("image-lifecycle: "))).singleElement().asString()
                .contains("prod is protected: promotion needs an approver");
        try (Catalog c = Catalog.open(catalog.toString())) {
            assertThat(c.current("prod", family)).isEmpty();
        }

        CliRun approved = promote("--json", "--to", "prod", "--approver", "carol");
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(Json.read(approved.out()).path("target").asText()).isEqualTo(registry.host() + "/prod/apps/promoted:1");
        try (Catalog c = Catalog.open(catalog.toString())) {
            assertThat(c.environmentHistory("prod", family)).singleElement().satisfies(p -> {
                assertThat(p.approver()).isEqualTo("carol");
                assertThat(p.approval()).as("the CLI's approver is stated, not authenticated").isEqualTo(Placement.STATED);
            });
        }
        assertThat(registry.client().resolve(ImageRef.parse(registry.host() + "/prod/apps/promoted:1"))).isEqualTo(digest);
    }
}
