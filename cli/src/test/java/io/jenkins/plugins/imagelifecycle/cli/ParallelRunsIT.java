package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty CLI processes at once on one embedded catalog, as parallel jobs on one CI agent run them:
 * builds, promotions into one environment, and reads. Every one succeeds, and afterwards the catalog
 * holds every event and placement, and the environment's pointer is its last committed placement.
 */
@Tag("integration")
class ParallelRunsIT {
    private static final int PROMOTIONS = 8;
    private static final int BUILDS = 4;
    private static final int READS = 8;

    @TempDir
    Path workspace;
    @TempDir
    Path catalog;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--catalog", catalog.toString()));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Test
    void twentyProcessesOnOneEmbeddedCatalogAllSucceedAndLoseNothing() throws Exception {
        Workspaces.standard(workspace);
        ImageRef base = RealDocker.busyboxBase("upstream/busybox-burst:1", "burst");
        String registry = RealDocker.registry().host();
        String blessed = Json.read(cli("bless", "--json", "--workspace", workspace.toString(), "--base",
                base.withoutDigest().toString(), "--dockerfile", "blessed/Dockerfile", "--context", "blessed",
                "--target", registry + "/blessed/burst-" + unique + ":1").out()).path("digest").asText();
        String family = registry + "/apps/burst-" + unique;
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < PROMOTIONS; i++) {
            digests.add(Json.read(augment(blessed, family + ":" + i, i).out()).path("digest").asText());
        }

        List<List<String>> promotions = new ArrayList<>();
        for (int n = 0; n < PROMOTIONS; n++) {
            promotions.add(List.of("promote", "--json", "--image", digests.get(n), "--to", "dev", "--waive-tests", "burst " + n));
        }
        List<List<String>> builds = new ArrayList<>();
        for (int n = 0; n < BUILDS; n++) {
            builds.add(List.of("augment", "--json", "--workspace", workspace.toString(), "--from", blessed,
                    "--dockerfile", "app/Dockerfile", "--context", "app", "--target",
                    registry + "/apps/burst-new-" + unique + ":" + n, "--build-arg", "APP_VERSION=new" + n));
        }
        List<List<String>> reads = new ArrayList<>();
        for (int n = 0; n < READS; n++) {
            reads.add(n % 2 == 0 ? List.of("status", "--json") : List.of("history", "--json", "--image", blessed));
        }
        // interleaved, so that each kind of run overlaps with the others
        List<List<String>> runs = new ArrayList<>();
        for (int n = 0; runs.size() < PROMOTIONS + BUILDS + READS; n++) {
            for (List<List<String>> kind : List.of(promotions, reads, builds)) {
                if (n < kind.size()) {
                    runs.add(kind.get(n));
                }
            }
        }
        List<Process> processes = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (List<String> args : runs) {
            labels.add(String.join(" ", args));
            processes.add(start(args, processes.size()));
        }
        assertThat(processes).hasSize(20);

        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(labels.get(i)).isTrue();
            String err = Files.readString(workspace.resolve("err-" + i));
            assertThat(p.exitValue()).as(labels.get(i) + "\n" + err).isZero();
            String out = Files.readString(workspace.resolve("out-" + i));
            assertThat(Json.read(out).isObject()).as(labels.get(i)).isTrue();
        }

        try (Catalog c = Catalog.open(catalog.toString())) {
            List<Placement> dev = c.environmentHistory("dev", family);
            assertThat(dev).extracting(Placement::digest).containsExactlyInAnyOrderElementsOf(digests);
            Placement last = dev.stream().max(Comparator.comparingLong(Placement::id)).orElseThrow();
            assertThat(c.current("dev", family)).contains(last.digest());
            for (String digest : digests) {
                List<LifecycleEvent> events = c.history(digest);
                assertThat(events).extracting(LifecycleEvent::action).containsExactly("augment", "contents", "sbom", "promote");
            }
            List<ImageRecord> built = c.images().stream().filter(img -> img.repository().contains("/apps/burst-new-")).toList();
            assertThat(built).hasSize(BUILDS);
            for (ImageRecord img : built) {
                assertThat(c.history(img.digest())).extracting(LifecycleEvent::action).containsExactly("augment", "contents", "sbom");
            }
        }
    }

    private CliRun augment(String from, String target, int version) {
        return cli("augment", "--json", "--workspace", workspace.toString(), "--from", from, "--dockerfile", "app/Dockerfile",
                "--context", "app", "--target", target, "--build-arg", "APP_VERSION=" + version);
    }

    private Process start(List<String> args, int i) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ImageLifecycleCli.class.getName()));
        command.addAll(args);
        command.addAll(List.of("--catalog", catalog.toString()));
        return new ProcessBuilder(command).redirectOutput(workspace.resolve("out-" + i).toFile())
                .redirectError(workspace.resolve("err-" + i).toFile()).start();
    }
}
