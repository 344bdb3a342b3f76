package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.RootFs;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.io.ByteArrayOutputStream;
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

/** Retirement's registry side against real registries: environment copies, purge, and a registry refusing deletion. */
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
        ImageRef pushed = RealDocker.importAndPush(RootFs.busybox(name + unique),
                ImageRef.parse(registry.host() + "/blessed/" + name + "-" + unique + ":1"), null);
        return new SyntheticImages(catalog, registry.host()).record("blessed/" + name + "-" + unique + ":1",
                pushed.digest().orElseThrow().toString(), Role.BLESSED, null, null, null, Instant.now());
    }

    private ImageRef copy(TestRegistry registry, ImageRecord image, String environment) {
        return RealDocker.importAndPush(RootFs.busybox("copy-" + environment + unique),
                ImageRef.parse(registry.host() + "/" + environment + "/copy-" + unique + ":1"), null);
    }

    private EndOfLife endOfLife(TestRegistry registry, EnvironmentCopies copies) {
        return new EndOfLife(catalog, new ManifestDeletion(registry.client()), copies, "tester", Clock.systemUTC());
    }

    @Test
    void removeFromEnvironmentsDeletesTheCopiesAndKeepsTheOriginalUnlessPurged() {
        TestRegistry registry = RealDocker.registry();
        ImageRecord image = pushedBlessed(registry, "keep");
        ImageRef devCopy = copy(registry, image, "dev");
        ImageRef original = ImageRef.parse(image.repository()).withDigest(
                io.jenkins.plugins.imagelifecycle.model.Digest.parse(image.digest()));

        RetireResult result = endOfLife(registry, i -> i.digest().equals(image.digest()) ? List.of(devCopy) : List.of())
                .retire(new RetireRequest(image.digest(), "superseded", false, true, false), log);

        assertThat(result.removals()).singleElement().satisfies(o -> {
            assertThat(o.ref()).isEqualTo(devCopy.toString());
            assertThat(o.result()).isEqualTo(ManifestDeletion.Result.DELETED);
        });
        assertThatThrownBy(() -> registry.client().resolve(devCopy)).isInstanceOf(NotFoundException.class);
        assertThat(registry.client().resolve(original).toString()).as("original kept for traceability").isEqualTo(image.digest());
        assertThat(catalog.find(image.digest()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
    }

    @Test
    void purgeDeletesTheOriginalPushedManifestToo() {
        TestRegistry registry = RealDocker.registry();
        ImageRecord image = pushedBlessed(registry, "purge");
        ImageRef tagged = ImageRef.parse(image.tags().get(0));

        RetireResult result = endOfLife(registry, EnvironmentCopies.NONE)
                .retire(new RetireRequest(image.digest(), "withdrawn", false, false, true), log);

        assertThat(result.removals()).singleElement().extracting(ManifestDeletion.Outcome::result)
                .isEqualTo(ManifestDeletion.Result.DELETED);
        assertThatThrownBy(() -> registry.client().resolve(tagged)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRegistryThatRefusesDeletionIsReportedClearlyAndTheRetirementStands() {
        try (TestRegistry noDelete = TestRegistry.builder().withDeleteDisabled().start()) {
            ImageRecord image = pushedBlessed(noDelete, "nodelete");

            RetireResult result = endOfLife(noDelete, EnvironmentCopies.NONE)
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
}
