package io.jenkins.plugins.imagelifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.testing.CuttingFront;
import io.jenkins.plugins.imagelifecycle.testing.LargeImages;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source registry killed ({@code kill -9}) while a 200 MB layer streams from it to a second registry during a
 * promotion, at a byte count a loopback front observes: the promotion fails in one line naming the layer and the
 * registries; nothing is under the target tag and the layer is not in the target; no placement, no event, the catalog
 * sound; with the registry back, the same promotion completes with the same digest.
 */
@Tag("integration")
class SourceDiesMidLayerIT {
    private static final long LAYER_BYTES = 200L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aPromotionWhoseSourceDiesMidLayerFailsCleanlyAndTheRerunCompletes() {
        try (TestRegistry source = TestRegistry.start(); TestRegistry far = TestRegistry.start();
             CuttingFront front = CuttingFront.of(source.host()); Catalog catalog = Catalog.open(dir.toString())) {
            var client = new RegistryClient(RegistryEndpoint::defaultFor, h -> Optional.empty());
            LargeImages.Pushed image = LargeImages.push(client, ImageRef.parse(source.host() + "/apps/large:1"), LAYER_BYTES, 19);
            // the catalog knows the image by the front's address: every read of the promotion goes through it
            new SyntheticImages(catalog, front.host()).record("apps/large:1", image.manifest().toString(), Role.BLESSED, null, "x", null,
                    Instant.now());
            var promote = new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(
                    new Environment("far", far.host() + "/far/{name}:{tag}", false, false))), client, Clock.systemUTC());
            PromoteRequest request = new PromoteRequest(image.manifest().toString(), "far", null, "source dies mid-layer");
            int eventsBefore = catalog.recentEvents(100).size();
            ImageRef target = ImageRef.parse(far.host() + "/far/large:1");

            front.faultAfter(LAYER_BYTES / 4, source::kill);
            Throwable failed = catchThrowable(() -> promote.promote(request, "tester", RealDocker.quiet()));

            assertThat(front.answeredAtFault()).as("the registry died while the layer streamed")
                    .isBetween(LAYER_BYTES / 4, LAYER_BYTES / 2);
            assertThat(failed).isInstanceOf(LifecycleException.class);
            assertThat(failed.getMessage()).as("names the step, the layer, how much arrived, and that the source stopped")
                    .matches("Copy stopped at step 'stream blob " + image.layer() + " \\(209715200 bytes\\) from " + front.host()
                            + "/apps/large to " + far.host() + "/far/large': Blob " + image.layer()
                            + " stopped arriving from its source after \\d+ of 209715200 bytes \\(.+\\); " + far.host()
                            + " keeps what arrived as an unfinished upload, not a blob, until it purges old uploads")
                    .doesNotContain("\n");
            assertThat(catchThrowable(() -> client.resolve(target))).as("nothing under the target tag").isInstanceOf(NotFoundException.class);
            assertThat(client.hasBlob(target, image.layer())).as("no layer, whole or partial, in the target").isFalse();
            assertThat(catalog.placements(image.manifest().toString())).isEmpty();
            assertThat(catalog.recentEvents(100)).hasSize(eventsBefore);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();

            source.restart();
            promote.promote(request, "tester", RealDocker.quiet());

            assertThat(client.resolve(target)).isEqualTo(image.manifest());
            assertThat(catalog.placements(image.manifest().toString())).singleElement()
                    .satisfies(p -> assertThat(p.targetRef()).isEqualTo(target.withoutDigest().toString()));
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
    }
}
