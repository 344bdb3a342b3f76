package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SharedCatalog;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CLI processes promote two digests of one tag into one environment, the first stalled (SIGSTOP) between its copy
 * and its record, as a paused or overloaded controller stalls. The second waits for it instead of copying over its tag
 * and recording first, so the environment's tag ends on the digest of the last committed placement. Without the
 * catalog's lock around a promotion the second finishes during the stall, the first then records last, and the tag and
 * the pointer name different digests. Here on the embedded catalog; {@link StalledPromotionPostgresIT} on PostgreSQL.
 */
@Tag("integration")
class StalledPromotionIT {
    @TempDir
    Path workspace;
    @TempDir
    Path catalogDir;
    @TempDir
    Path files;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    /** The catalog both promotions share. */
    SharedCatalog catalog() {
        return SharedCatalog.embedded(catalogDir);
    }

    /** Whether {@code promotion} waits for the lock the stalled promotion holds: it has the lock's file open. */
    boolean waitsForTheLock(Process promotion, Catalog catalog) throws Exception {
        try (var fds = Files.list(Path.of("/proc", Long.toString(promotion.pid()), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).startsWith(catalogDir.resolve("locks"));
                } catch (Exception gone) {
                    return false;
                }
            });
        } catch (java.nio.file.NoSuchFileException ended) {
            return false;
        }
    }

    @Test
    void theNextPromotionWaitsForAStalledOneSoTheTagEndsOnTheLastRecordedDigest() throws Exception {
        // no RUN step: the builds start no container (quick on vfs); the label makes each augment's digest its own
        Workspaces.write(workspace, "blessed/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY marker /etc/marker\n");
        Workspaces.write(workspace, "blessed/marker", "blessed\n");
        Workspaces.write(workspace, "app/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG APP_VERSION\nLABEL app.version=$APP_VERSION\n");
        ImageRef base = RealDocker.busyboxBase("upstream/busybox-stalled:1", "stalled");
        String registry = RealDocker.registry().host();
        String blessed = digest(cli("bless", "--workspace", workspace.toString(), "--base", base.withoutDigest().toString(),
                "--dockerfile", "blessed/Dockerfile", "--context", "blessed", "--target", registry + "/blessed/stalled-" + unique + ":1"));
        String tag = registry + "/apps/stalled-" + unique + ":1";
        String first = digest(augment(blessed, tag, "first"));
        String second = digest(augment(blessed, tag, "second"));

        Process stalled = start("promote", "--image", first, "--to", "dev", "--waive-tests", "stalled");
        BufferedReader stalledErr = new BufferedReader(new InputStreamReader(stalled.getErrorStream(), StandardCharsets.UTF_8));
        List<String> stalledLines = new ArrayList<>();
        String line;
        while ((line = stalledErr.readLine()) != null) {
            stalledLines.add(line);
            // the attestations are the copy's last part; the catalog transaction comes next
            if (line.startsWith("Copied ") && line.contains("attestation")) {
                signal("STOP", stalled);
                break;
            }
        }
        assertThat(line).as("the first promotion reached the end of its copy: " + stalledLines).isNotNull();

        Path nextErr = files.resolve("next-err");
        Process next = start(builder("promote", "--image", second, "--to", "dev", "--waive-tests", "after the stall")
                .redirectError(nextErr.toFile()));
        try (Catalog catalog = catalog().open()) {
            awaitState(() -> !next.isAlive() || waits(next, catalog), "the second promotion to wait for the lock or to end");
        }
        signal("CONT", stalled);

        stalledErr.lines().forEach(stalledLines::add);
        assertThat(stalled.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(stalled.exitValue()).as(String.join("\n", stalledLines)).isZero();
        assertThat(next.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(next.exitValue()).as(Files.readString(nextErr)).isZero();

        try (Catalog catalog = catalog().open()) {
            String family = registry + "/apps/stalled-" + unique;
            List<Placement> dev = catalog.environmentHistory("dev", family);
            assertThat(dev).extracting(Placement::digest).as("recorded in the order they copied").containsExactly(first, second);
            assertThat(dev.get(1).previous()).isEqualTo(first);
            assertThat(catalog.current("dev", family)).contains(second);
            assertThat(RealDocker.registry().client().resolve(ImageRef.parse(dev.get(1).targetRef())))
                    .as("dev's tag").isEqualTo(Digest.parse(second));
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
    }

    private boolean waits(Process promotion, Catalog catalog) {
        try {
            return waitsForTheLock(promotion, catalog);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls a state the processes show (not a guess at how long they take), within a minute. */
    private static void awaitState(BooleanSupplier state, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!state.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private String augment(String from, String target, String version) throws Exception {
        return cli("augment", "--workspace", workspace.toString(), "--from", from, "--dockerfile", "app/Dockerfile",
                "--context", "app", "--target", target, "--build-arg", "APP_VERSION=" + version);
    }

    private static String digest(String json) {
        return Json.read(json).path("digest").asText();
    }

    /** A CLI run in a process of its own ({@code --json}); its standard output. */
    private String cli(String... args) throws Exception {
        Path err = files.resolve("err-" + UUID.randomUUID());
        Process p = start(builder(args).redirectError(err.toFile()));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + Files.readString(err)).isZero();
        return out;
    }

    /** A promotion whose log the test reads as it comes; its output (one short JSON object) stays in the pipe. */
    private Process start(String... args) throws Exception {
        return start(builder(args));
    }

    private Process start(ProcessBuilder builder) throws Exception {
        builder.environment().putAll(catalog().processEnvironment());
        return builder.start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ImageLifecycleCli.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--json", "--catalog", catalog().location()));
        return new ProcessBuilder(command);
    }
}
