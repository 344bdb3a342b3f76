package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.testing.PrivateEngine;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker engine killed ({@code kill -9}: dockerd, its containerd and the step's processes) while a bless runs a
 * {@code RUN} step, on an engine of this test's own: the bless fails in one line naming the engine, no image is in
 * the catalog, nothing is under the target tag; with the engine back, the same bless completes.
 */
@Tag("integration")
class EngineKilledMidBuildIT {
    @TempDir
    Path workspace;
    @TempDir
    Path catalogDir;

    @Test
    void aBlessWhoseEngineIsKilledDuringARunStepFailsCleanlyAndTheRerunCompletes() throws Exception {
        TestRegistry registry = RealDocker.registry();
        ImageRef base = RealDocker.busyboxBase("upstream/busybox-engine-killed:1", "engine-killed");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String marker = "step-under-way-" + unique;
        Workspaces.write(workspace, "blessed/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG PAUSE=0\n"
                + "RUN echo " + marker + " && sleep $PAUSE && echo hooked > /etc/hooked\n");
        ImageRef target = ImageRef.parse(registry.host() + "/blessed/engine-killed-" + unique + ":1");
        CountDownLatch stepUnderWay = new CountDownLatch(1);
        PrintStream log = new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (toString(StandardCharsets.UTF_8).contains(marker + "\n")) {
                    stepUnderWay.countDown();
                }
            }
        }, true, StandardCharsets.UTF_8);

        String engineSocket;
        try (PrivateEngine engine = PrivateEngine.start(); Catalog catalog = Catalog.open(catalogDir.toString())) {
            engineSocket = engine.host().substring("unix://".length());
            BuildOperations operations = operations(engine, catalog, registry, unique);
            CompletableFuture<BuiltImage> bless = CompletableFuture.supplyAsync(() -> operations.bless(workspace,
                    request(base, target, "300"), log));
            assertThat(stepUnderWay.await(120, TimeUnit.SECONDS)).as("the RUN step started").isTrue();

            engine.kill();
            Throwable failed = catchThrowable(() -> bless.get(120, TimeUnit.SECONDS));

            assertThat(failed.getCause()).isInstanceOf(LifecycleException.class);
            assertThat(failed.getCause().getMessage()).as("names the engine, the Dockerfile and the step it was at (the fifth is the labels' own)")
                    .startsWith("Docker engine at " + engine.host() + " failed during build of Dockerfile at 'Step 4/5 : RUN echo "
                            + marker + " && sleep $PAUSE && echo hooked > /etc/hooked': ")
                    .doesNotContain("\n");
            assertThat(catalog.images()).as("no image on record").isEmpty();
            assertThat(catchThrowable(() -> registry.client().resolve(target))).as("nothing under the target tag")
                    .isInstanceOf(NotFoundException.class);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();

            engine.restart();
            BuiltImage again = operations(engine, catalog, registry, unique).bless(workspace, request(base, target, "0"), log);

            assertThat(again.record().role()).isEqualTo(Role.BLESSED);
            assertThat(registry.client().resolve(target).toString()).isEqualTo(again.record().digest());
            assertThat(catalog.images()).hasSize(1);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
        String engineFolder = java.nio.file.Path.of(engineSocket).getParent().toString();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().filter(c -> c.contains(engineFolder)).isPresent()))
                .as("nothing of the private engine is left running (its shims leave dockerd's tree)").isEmpty();
    }

    private static BuildOperations operations(PrivateEngine engine, Catalog catalog, TestRegistry registry, String unique) {
        return new BuildOperations(catalog, new ContainerBuild(engine.engine(), registry.client(), h -> Optional.empty()),
                registry.client(), new BuildContext("tester", "https://builder.example/test", "urn:test:" + unique));
    }

    private static ContainerBuildRequest request(ImageRef base, ImageRef target, String pause) {
        return new ContainerBuildRequest(base.withoutDigest().toString(), "blessed/Dockerfile", "blessed", target.toString(),
                Map.of("PAUSE", pause), null, null);
    }
}
