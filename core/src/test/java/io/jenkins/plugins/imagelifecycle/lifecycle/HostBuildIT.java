package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.FileEntry;
import io.jenkins.plugins.imagelifecycle.contents.InventoryReader;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.HostImageDetails;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host images with real Packer (Debian's 1.6.6) and its docker and file builders. */
@Tag("integration")
class HostBuildIT {
    private static ImageRef base;

    @TempDir
    Path workspace;
    @TempDir
    Path catalogDir;
    private Catalog catalog;
    private HostOperations operations;
    /** Counted down when Packer's provisioner has started (it prints the masked token): the build is under way. */
    private final java.util.concurrent.CountDownLatch provisionerStarted = new java.util.concurrent.CountDownLatch(1);
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream() {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            if (provisionerStarted.getCount() > 0 && toString(StandardCharsets.UTF_8).contains("using token")) {
                provisionerStarted.countDown();
            }
        }
    };
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final String secret = "tok-" + UUID.randomUUID();

    @BeforeAll
    static void upstream() {
        base = RealDocker.busyboxBase("upstream/busybox-host:1", "host");
    }

    @BeforeEach
    void setUp() throws Exception {
        for (String name : List.of("docker.pkr.hcl", "docker.json", "file.pkr.hcl", "invalid.pkr.hcl", "greeting.yaml")) {
            try (var in = getClass().getResourceAsStream("/packer/" + name)) {
                Files.createDirectories(workspace.resolve("packer"));
                Files.write(workspace.resolve("packer/" + name), in.readAllBytes());
            }
        }
        catalog = Catalog.open(catalogDir.toString());
        // this test's own cache of validated templates, not the machine's
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("XDG_CACHE_HOME", catalogDir.resolve("cache").toString());
        operations = new HostOperations(catalog, new HostBuild(RealDocker.engine(), env),
                new BuildContext("tester", "https://builder.example/test", "urn:test:host"));
    }

    private HostBuildRequest docker(Map<String, String> vars, List<String> tests) {
        Map<String, String> all = new java.util.LinkedHashMap<>(vars);
        all.put("base_image", base.withoutDigest().toString());
        return new HostBuildRequest("packer/docker.pkr.hcl", all, Map.of("token", secret), List.of(), tests, "hosts/web", null, 5, null);
    }

    @Test
    void aDockerBuilderTemplateBecomesATestedHostImageWithProvenanceAndNoSecretAnywhere() throws Exception {
        AtomicBoolean secretSeenInPs = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread ps = new Thread(() -> {
            while (running.get()) {
                if (ProcessCommandLines.anyContains(secret)) {
                    secretSeenInPs.set(true);
                }
            }
        });
        ps.start();
        List<ImageRecord> images;
        try {
            images = operations.buildHost(workspace, docker(Map.of(), List.of("packer/greeting.yaml")), log);
        } finally {
            running.set(false);
            ps.join();
        }
        assertThat(images).singleElement().satisfies(image -> {
            assertThat(image.role()).isEqualTo(Role.HOST);
            assertThat(image.stage()).isEqualTo(Stage.TESTED);
            assertThat(image.digest()).startsWith("sha256:");
            assertThat(image.repository()).isEqualTo("hosts/web");
            assertThat(image.baseRef()).isEqualTo(base.withoutDigest().toString());
        });
        String digest = images.get(0).digest();
        assertThat(RealDocker.engine().inspect(digest)).as("the artifact is a real Docker image").isPresent();
        HostImageDetails details = catalog.hostDetails(digest).orElseThrow();
        assertThat(details.packerVersion()).matches("1\\.[0-9]+\\.[0-9]+");
        assertThat(details.templateSha256()).hasSize(64);
        assertThat(details.variables()).containsEntry("base_image", base.withoutDigest().toString()).containsEntry("token", "(sensitive)");
        assertThat(catalog.testRuns(digest)).singleElement().satisfies(r -> assertThat(r.isPassed()).isTrue());

        // its contents, read from the engine's docker save stream: the base image's files as the registry holds them
        // (read there by the registry reader, the oracle here), and the file the provisioner wrote
        ContentsStore contents = new ContentsStore(catalog);
        assertThat(contents.summary(digest)).get().satisfies(s -> assertThat(s.readable()).as(s.failure()).isTrue());
        Map<String, String> hostFiles = new java.util.HashMap<>();
        contents.files(digest).stream().filter(FileEntry::isRegularFile).forEach(f -> hostFiles.put(f.path(), f.sha256()));
        var baseInventory = new InventoryReader(RealDocker.registry().client()).read(base);
        assertThat(baseInventory.files()).filteredOn(FileEntry::isRegularFile).isNotEmpty()
                .allSatisfy(f -> assertThat(hostFiles).containsEntry(f.path(), f.sha256()));
        assertThat(hostFiles).containsEntry("etc/greeting", io.jenkins.plugins.imagelifecycle.model.Digest.sha256(
                "hello\n".getBytes(StandardCharsets.UTF_8)).hex());
        assertThat(contents.summary(digest).orElseThrow().os()).isEqualTo(baseInventory.os());
        assertThat(catalog.history(digest)).extracting(e -> e.action()).contains(ImageContentsOperation.ACTION)
                .doesNotContain(ImageContentsOperation.SBOM, ImageContentsOperation.SBOM_FAILED);

        String everything = logBytes.toString(StandardCharsets.UTF_8) + images.get(0).provenance()
                + catalog.history(digest) + details;
        assertThat(everything).doesNotContain(secret);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("using token ****").doesNotContain(",ui,");
        assertThat(secretSeenInPs).as("secret on a command line during the build").isFalse();
        assertThat(Path.of(System.getProperty("java.io.tmpdir"))).isDirectoryNotContaining("glob:**/image-lifecycle-packer-*");
        RealDocker.engine().remove(digest);
    }

    @Test
    void aLegacyJsonTemplateAndAFileBuilderWork() throws Exception {
        List<ImageRecord> json = operations.buildHost(workspace, new HostBuildRequest("packer/docker.json",
                Map.of("base_image", base.withoutDigest().toString()), Map.of(), List.of(), List.of(), null, null, 5, null), log);
        assertThat(json).singleElement().satisfies(i -> assertThat(i.repository()).isEqualTo("hosts/docker"));
        RealDocker.engine().remove(json.get(0).digest());

        List<ImageRecord> file = operations.buildHost(workspace, new HostBuildRequest("packer/file.pkr.hcl", Map.of(), Map.of(),
                List.of(), List.of(), "hosts/motd", null, 5, null), log);
        byte[] made = Files.readAllBytes(workspace.resolve("packer/motd.txt"));
        assertThat(file).singleElement().satisfies(i ->
                assertThat(i.digest()).isEqualTo(io.jenkins.plugins.imagelifecycle.model.Digest.sha256(made).toString()));
        assertThat(catalog.hostDetails(file.get(0).digest()).orElseThrow().files()).containsExactly("motd.txt");
        assertThat(new ContentsStore(catalog).summary(file.get(0).digest())).get()
                .satisfies(s -> assertThat(s.failure()).startsWith("contents not readable for this artifact type"));
        assertThat(catalog.history(file.get(0).digest())).extracting(e -> e.action()).contains(ImageContentsOperation.FAILED);

        // promoted by artifact id under the same rules: untested needs a waiver, order is kept
        var promote = new PromoteOperation(catalog, io.jenkins.plugins.imagelifecycle.config.LifecycleConfig.empty(),
                RealDocker.registry().client(), java.time.Clock.systemUTC());
        assertThatThrownBy(() -> promote.promote(new PromoteRequest(file.get(0).digest(), "dev", null, null), "a", log))
                .hasMessageContaining("no passing test run");
        assertThatThrownBy(() -> promote.promote(new PromoteRequest(file.get(0).digest(), "qa", null, "no tests for files"), "a", log))
                .hasMessageContaining("has not been in dev");
        PromotionResult dev = promote.promote(new PromoteRequest(file.get(0).digest(), "dev", null, "no tests for files"), "a", log);
        assertThat(dev.targetRef()).isEqualTo("hosts/motd@" + catalog.hostDetails(file.get(0).digest()).orElseThrow().artifactId());
        assertThat(catalog.current("dev", "hosts/motd")).contains(file.get(0).digest());
    }

    @Test
    void aFailingProvisionerRecordsTheFailedAttemptAndNoImage() {
        assertThatThrownBy(() -> operations.buildHost(workspace, docker(Map.of("exit_code", "3"), List.of()), log))
                .isInstanceOf(BuildAttemptFailedException.class).hasMessageContaining("failed").hasMessageNotContaining(secret);
        assertThat(catalog.images()).isEmpty();
        assertThat(catalog.recentEvents(5)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("build-host");
            assertThat(e.toStage()).isEqualTo(Stage.FAILED);
        });
    }

    @Test
    void aTemplateValidatedBeforeWithTheSameVariablesIsNotValidatedAgain() throws Exception {
        HostBuildRequest motd = new HostBuildRequest("packer/file.pkr.hcl", Map.of(), Map.of(), List.of(), List.of(), "hosts/motd", null,
                5, null);
        operations.buildHost(workspace, motd, log);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("validating file.pkr.hcl");
        logBytes.reset();
        operations.buildHost(workspace, motd, log);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("file.pkr.hcl was validated before with these variables")
                .doesNotContain("validating file.pkr.hcl");
        logBytes.reset();
        Files.writeString(workspace.resolve("packer/file.pkr.hcl"), Files.readString(workspace.resolve("packer/file.pkr.hcl"))
                .replace("welcome", "hello"));
        operations.buildHost(workspace, motd, log);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).as("a changed template is validated again").contains("validating file.pkr.hcl");
    }

    @Test
    void anInvalidTemplateIsRefusedWithPackersOwnMessageAndNothingRuns() {
        assertThatThrownBy(() -> operations.buildHost(workspace, new HostBuildRequest("packer/invalid.pkr.hcl", Map.of(), Map.of(),
                List.of(), List.of(), null, null, 5, null), log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("invalid.pkr.hcl").hasMessageContaining("no_such_option");
        assertThat(catalog.recentEvents(5)).isEmpty();
        assertThatThrownBy(() -> operations.buildHost(workspace, new HostBuildRequest("../elsewhere.pkr.hcl", Map.of(), Map.of(),
                List.of(), List.of(), null, null, 5, null), log)).isInstanceOf(BadInputException.class).hasMessageContaining("outside workspace");
    }

    @Test
    void cancellingStopsPackerAndItsChildrenAndRecordsTheAttempt() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread build = startLongBuild(failure);
        // this test's own Packer (its command line names this test's template) and build container (labelled with it)
        String template = workspace.resolve("packer/docker.pkr.hcl").toAbsolutePath().toString();
        assertThat(provisionerStarted.await(120, java.util.concurrent.TimeUnit.SECONDS)).as("the provisioner started").isTrue();
        assertThat(ProcessCommandLines.matching("packer build")).filteredOn(c -> c.contains(template)).isNotEmpty();
        assertThat(containersOf(template, false)).as("the provisioner runs in this build's container").isNotEmpty();
        build.interrupt();
        build.join(60_000);
        assertThat(failure.get()).isInstanceOf(BuildAttemptFailedException.class).hasMessageContaining("cancelled");
        assertThat(ProcessCommandLines.matching("packer build")).filteredOn(c -> c.contains(template)).as("packer stopped").isEmpty();
        assertThat(containersOf(template, true)).as("no container of this build is left, running or stopped").isEmpty();
        assertThat(catalog.recentEvents(5)).extracting(LifecycleEvent::toStage).containsExactly(Stage.FAILED);
    }

    /**
     * Packer killed ({@code kill -9}, as the machine's OOM killer or an operator would) while its provisioner runs: the
     * build fails naming Packer and the signal, its container is removed, only the failed attempt is recorded (no image),
     * and the same build run again completes.
     */
    @Test
    void packerKilledDuringItsProvisionerFailsNamingTheSignalAndTheRerunCompletes() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread build = startLongBuild(failure);
        String template = workspace.resolve("packer/docker.pkr.hcl").toAbsolutePath().toString();
        assertThat(provisionerStarted.await(120, java.util.concurrent.TimeUnit.SECONDS)).as("the provisioner started").isTrue();
        List<ProcessHandle> packer = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .filter(c -> c.contains("packer") && c.contains(" build ") && c.contains(template)).isPresent()).toList();
        assertThat(packer).as("this test's own Packer").isNotEmpty();

        packer.forEach(ProcessHandle::destroyForcibly);
        build.join(120_000);

        assertThat(failure.get()).isInstanceOf(BuildAttemptFailedException.class)
                .hasMessageContaining("Packer build of docker.pkr.hcl failed (exit 137: killed by signal 9)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(containersOf(template, true)).as("no container of this build is left, running or stopped").isEmpty();
        assertThat(catalog.images()).as("no image recorded").isEmpty();
        assertThat(catalog.recentEvents(5)).extracting(LifecycleEvent::toStage).containsExactly(Stage.FAILED);

        List<ImageRecord> again = operations.buildHost(workspace, docker(Map.of(), List.of()), log);
        assertThat(again).singleElement().satisfies(image -> assertThat(image.role()).isEqualTo(Role.HOST));
        assertThat(catalog.images()).hasSize(1);
        assertThat(new io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck(catalog).run()).isEmpty();
    }

    /** Starts a build whose provisioner sleeps 300 s, on a thread of its own; its failure lands in {@code failure}. */
    private Thread startLongBuild(AtomicReference<Throwable> failure) {
        Thread build = new Thread(() -> {
            try {
                operations.buildHost(workspace, docker(Map.of("sleep_seconds", "300"), List.of()), log);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        build.start();
        return build;
    }

    private static List<String> containersOf(String template, boolean includeStopped) {
        return RealDocker.client().listContainersCmd().withShowAll(includeStopped)
                .withLabelFilter(Map.of("io.jenkins.image-lifecycle.packer-template", template)).exec()
                .stream().map(c -> c.getId()).toList();
    }
}
