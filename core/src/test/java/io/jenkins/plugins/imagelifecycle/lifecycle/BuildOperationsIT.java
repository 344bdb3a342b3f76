package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import io.jenkins.plugins.imagelifecycle.provenance.OciLabels;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bless and augment against the real Docker engine and a real registry. */
@Tag("integration")
class BuildOperationsIT {
    private static ImageRef base;
    private static TestRegistry registry;

    @TempDir
    Path workspace;
    @TempDir
    Path catalogDir;

    private Catalog catalog;
    private BuildOperations operations;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void upstream() {
        registry = RealDocker.registry();
        base = RealDocker.busyboxBase("upstream/busybox-ops:1", "ops");
    }

    @BeforeEach
    void setUp() {
        Workspaces.standard(workspace);
        catalog = Catalog.open(catalogDir.toString());
        operations = operations(registry.client(), h -> Optional.empty());
    }

    private BuildOperations operations(RegistryClient client, java.util.function.Function<String, Optional<RegistryCredentials>> creds) {
        DockerEngine engine = RealDocker.engine();
        return new BuildOperations(catalog, new ContainerBuild(engine, client, creds), client,
                new BuildContext("tester", "https://builder.example/test", "urn:test:" + unique));
    }

    private String target(String repo) {
        return registry.host() + "/" + repo + "-" + unique + ":1";
    }

    private BuiltImage bless() {
        return operations.bless(workspace, new ContainerBuildRequest(base.withoutDigest().toString(), "blessed/Dockerfile",
                "blessed", target("blessed/ops"), Map.of(), null, null), log);
    }

    @Test
    void aRegistryThatDiesWhileAttestationsUploadLeavesTheImageOnRecordAndTheRerunCompletesIt() throws Exception {
        try (TestRegistry own = TestRegistry.start()) {
            String ref = own.host() + "/blessed/dies-" + unique + ":1";
            ContainerBuildRequest request = new ContainerBuildRequest(base.withoutDigest().toString(), "blessed/Dockerfile",
                    "blessed", ref, Map.of(), null, null);
            // the fault: the registry is stopped the moment the push is done and provenance is written,
            // so the attestation upload that follows meets a dead registry
            PrintStream faulty = new PrintStream(logBytes, true, StandardCharsets.UTF_8) {
                @Override
                public void println(String line) {
                    super.println(line);
                    if (line.startsWith("Provenance written to")) {
                        own.stop();
                    }
                }
            };
            assertThatThrownBy(() -> operations.bless(workspace, request, faulty))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("was pushed as sha256:")
                    .hasMessageContaining("attestations were not stored");
            ImageRecord recorded = catalog.find(ImageRef.parse(ref)).orElseThrow();
            assertThat(catalog.history(recorded.digest())).extracting(LifecycleEvent::action)
                    .containsExactly(BuildOperations.BLESS, PendingAttestations.MISSING);

            own.restart();
            BuiltImage rerun = operations.bless(workspace, request, log);
            assertThat(rerun.record().digest()).isEqualTo(recorded.digest());
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("instead of building again");
            assertThat(own.client().resolve(ImageRef.parse(ref))).isEqualTo(io.jenkins.plugins.imagelifecycle.model.Digest.parse(recorded.digest()));
            assertThat(new io.jenkins.plugins.imagelifecycle.registry.AttestationStore(own.client())
                    .list(ImageRef.parse(ref), io.jenkins.plugins.imagelifecycle.model.Digest.parse(recorded.digest())))
                    .extracting(a -> a.predicateType()).contains("https://slsa.dev/provenance/v1");
            assertThat(catalog.history(recorded.digest())).extracting(LifecycleEvent::action)
                    .containsExactly(BuildOperations.BLESS, PendingAttestations.MISSING, PendingAttestations.STORED);
            assertThat(catalog.images()).filteredOn(i -> i.repository().equals(ImageRef.parse(ref).name())).hasSize(1);
        }
    }

    @Test
    void blessPinsTheBaseLabelsPushesAndRecordsWithProvenance() throws Exception {
        BuiltImage built = bless();

        ImageRecord image = built.record();
        assertThat(image.role()).isEqualTo(Role.BLESSED);
        assertThat(image.stage()).isEqualTo(Stage.BUILT);
        assertThat(image.parentDigest()).isEqualTo(base.digest().orElseThrow().toString());
        assertThat(image.baseDigest()).isEqualTo(base.digest().orElseThrow().toString());
        assertThat(image.baseRef()).isEqualTo(base.withoutDigest().toString());
        // what the registry holds under the tag now is exactly the recorded digest
        assertThat(registry.client().resolve(ImageRef.parse(built.pushedRef())).toString()).isEqualTo(image.digest());

        var labels = RealDocker.client().inspectImageCmd(built.imageId()).exec().getConfig().getLabels();
        assertThat(labels).containsEntry(OciLabels.BASE_DIGEST, base.digest().orElseThrow().toString())
                .containsEntry(OciLabels.BASE_NAME, base.withoutDigest().toString())
                .containsEntry(OciLabels.ROLE, "blessed")
                .containsEntry(OciLabels.VERSION, "1")
                .containsKey(OciLabels.CREATED);

        JsonNode provenance = Json.read(Files.readString(Path.of(built.provenanceFile())));
        assertThat(provenance.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(provenance.path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(provenance.at("/subject/0/digest/sha256").asText()).isEqualTo(image.digest().substring(7));
        assertThat(provenance.at("/predicate/buildDefinition/resolvedDependencies/0/digest/sha256").asText())
                .isEqualTo(base.digest().orElseThrow().hex());
        assertThat(provenance.at("/predicate/runDetails/builder/id").asText()).isEqualTo("https://builder.example/test");
        assertThat(provenance.at("/predicate/runDetails/metadata/invocationId").asText()).isEqualTo("urn:test:" + unique);

        try (var leftovers = Files.list(workspace.resolve("blessed"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).as("generated Dockerfile removed")
                    .noneMatch(n -> n.startsWith(".image-lifecycle-"));
        }
        assertThat(catalog.find(image.digest())).isPresent();
        assertThat(catalog.history(image.digest())).extracting(LifecycleEvent::action, LifecycleEvent::toStage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bless", Stage.BUILT),
                        org.assertj.core.groups.Tuple.tuple(ImageContentsOperation.ACTION, Stage.BUILT),
                        org.assertj.core.groups.Tuple.tuple(ImageContentsOperation.SBOM, Stage.BUILT));
    }

    @Test
    void augmentBuildsOnTheBlessedDigestAndRecordsSourceProvenance() throws Exception {
        BuiltImage blessed = bless();
        Path app = workspace.resolve("app");
        try (Git git = Git.init().setDirectory(app.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("app").setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid").call();
            git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish("https://bob:s3cret@git.example.invalid/app.git")).call();
        }
        String commit;
        try (Git git = Git.open(app.toFile())) {
            commit = git.getRepository().resolve("HEAD").name();
        }

        BuiltImage augmented = operations.augment(workspace, new ContainerBuildRequest(blessed.pushedRef(), "app/Dockerfile",
                "app", target("apps/ops"), Map.of("APP_VERSION", "7"), "app", null), log);

        ImageRecord image = augmented.record();
        assertThat(image.role()).isEqualTo(Role.AUGMENTED);
        assertThat(image.parentDigest()).isEqualTo(blessed.record().digest());
        assertThat(image.baseDigest()).isEqualTo(base.digest().orElseThrow().toString());
        assertThat(image.sourceCommit()).isEqualTo(commit);
        String provenance = Files.readString(Path.of(augmented.provenanceFile()));
        assertThat(provenance).contains(commit).contains("git+https://git.example.invalid/app.git").doesNotContain("s3cret");
        assertThat(RealDocker.client().inspectImageCmd(augmented.imageId()).exec().getConfig().getLabels())
                .containsEntry(OciLabels.REVISION, commit)
                .containsEntry(OciLabels.SOURCE, "https://git.example.invalid/app.git");
        assertThat(catalog.descendants(blessed.record().digest())).extracting(ImageRecord::digest).containsExactly(image.digest());
        assertThat(catalog.ancestors(image)).extracting(ImageRecord::digest).containsExactly(blessed.record().digest());
    }

    @Test
    void augmentWithoutGitRecordsNoSourceControl() throws Exception {
        BuiltImage blessed = bless();
        BuiltImage augmented = operations.augment(workspace, new ContainerBuildRequest(blessed.record().digest(),
                "app/Dockerfile", "app", target("apps/nogit"), Map.of(), "app", null), log);
        assertThat(augmented.record().sourceCommit()).isNull();
        assertThat(Files.readString(Path.of(augmented.provenanceFile()))).contains("no source control");
    }

    @Test
    void buildStepFailingRecordsAFailedAttemptAndPushesNothing() {
        Workspaces.write(workspace, "blessed/Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN exit 3\n");
        String target = target("blessed/broken");

        assertThatThrownBy(() -> operations.bless(workspace, new ContainerBuildRequest(base.toString(),
                "blessed/Dockerfile", "blessed", target, Map.of(), null, null), log))
                .isInstanceOf(BuildAttemptFailedException.class)
                .hasMessageContaining("returned a non-zero code: 3");

        assertThat(catalog.images()).isEmpty();
        assertThat(catalog.recentEvents(10)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("bless");
            assertThat(e.toStage()).isEqualTo(Stage.FAILED);
            assertThat(e.digest()).isNull();
            assertThat(e.ref()).isEqualTo(target);
        });
        assertThatThrownBy(() -> registry.client().resolve(ImageRef.parse(target))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void pushRefusedByAnHtpasswdRegistryIsAFailedAttemptAndNamesTheRegistry() {
        try (TestRegistry secured = TestRegistry.builder().withHtpasswd().start()) {
            RegistryCredentials wrong = new RegistryCredentials("tester", "wrong-password-" + unique);
            operations = operations(registry.client(), h -> h.equals(secured.host()) ? Optional.of(wrong) : Optional.empty());
            String target = secured.host() + "/blessed/ops:1";

            assertThatThrownBy(() -> operations.bless(workspace, new ContainerBuildRequest(base.toString(),
                    "blessed/Dockerfile", "blessed", target, Map.of(), null, null), log))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining(secured.host())
                    .hasMessageNotContaining(wrong.password());
            assertThat(catalog.images()).isEmpty();
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain(wrong.password());
        }
    }

    @Test
    void pushWithTheRightCredentialsToAnHtpasswdRegistryWorks() {
        try (TestRegistry secured = TestRegistry.builder().withHtpasswd().start()) {
            RegistryCredentials right = secured.credentials().orElseThrow();
            var client = new RegistryClient(io.jenkins.plugins.imagelifecycle.registry.RegistryEndpoint::defaultFor,
                    h -> h.equals(secured.host()) ? Optional.of(right) : Optional.empty());
            operations = operations(client, h -> h.equals(secured.host()) ? Optional.of(right) : Optional.empty());
            BuiltImage built = operations.bless(workspace, new ContainerBuildRequest(base.toString(), "blessed/Dockerfile",
                    "blessed", secured.host() + "/blessed/ops:1", Map.of(), null, null), log);
            assertThat(secured.client().resolve(ImageRef.parse(built.pushedRef())).toString()).isEqualTo(built.record().digest());
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain(right.password());
        }
    }

    @Test
    void unreachableRegistryIsReportedWithItsAddressAndChangesNothing() {
        assertThatThrownBy(() -> operations.bless(workspace, new ContainerBuildRequest("127.0.0.1:1/upstream/none:1",
                "blessed/Dockerfile", "blessed", target("blessed/x"), Map.of(), null, null), log))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("127.0.0.1:1");
        assertThat(catalog.images()).isEmpty();
        assertThat(catalog.recentEvents(10)).isEmpty();
    }

    @Test
    void unreachableDockerEngineIsReportedWithItsAddress() {
        assertThatThrownBy(() -> DockerEngine.connect("tcp://127.0.0.1:1"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("tcp://127.0.0.1:1")
                .hasMessageContaining("DOCKER_HOST");
    }

    @Test
    void missingDockerfileAndEscapingPathsAreBadInputAndBuildNothing() throws Exception {
        assertThatThrownBy(() -> operations.bless(workspace, new ContainerBuildRequest(base.toString(), "blessed/Nope",
                "blessed", target("blessed/x"), Map.of(), null, null), log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("blessed/Nope");
        assertThatThrownBy(() -> operations.bless(workspace, new ContainerBuildRequest(base.toString(), "../Dockerfile",
                "blessed", target("blessed/x"), Map.of(), null, null), log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("outside workspace");
        assertThatThrownBy(() -> operations.bless(workspace, new ContainerBuildRequest(base.toString(), "blessed/Dockerfile",
                "/etc", target("blessed/x"), Map.of(), null, null), log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'/etc'");
        Path outside = Files.createTempDirectory("outside");
        Files.createSymbolicLink(workspace.resolve("link"), outside);
        assertThatThrownBy(() -> operations.bless(workspace, new ContainerBuildRequest(base.toString(), "blessed/Dockerfile",
                "link", target("blessed/x"), Map.of(), null, null), log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> operations.bless(workspace, new ContainerBuildRequest("Upstream/BAD", "blessed/Dockerfile",
                "blessed", target("blessed/x"), Map.of(), null, null), log))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'Upstream'");
        assertThat(catalog.images()).isEmpty();
        assertThat(catalog.recentEvents(10)).isEmpty();
    }

    @Test
    void augmentRefusesUnknownAndRetiredParents() {
        assertThatThrownBy(() -> operations.augment(workspace, new ContainerBuildRequest(base.toString(), "app/Dockerfile",
                "app", target("apps/x"), Map.of(), null, null), log))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("not in the catalog as a blessed image");

        BuiltImage blessed = bless();
        String digest = blessed.record().digest();
        catalog.transition(digest, Stage.BUILT, LifecycleEvent.of("tester", "retire", digest, blessed.pushedRef(),
                Stage.BUILT, Stage.RETIRED, "test", null));
        assertThatThrownBy(() -> operations.augment(workspace, new ContainerBuildRequest(blessed.pushedRef(), "app/Dockerfile",
                "app", target("apps/x"), Map.of(), null, null), log))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("retired");
        assertThat(catalog.images()).hasSize(1);
    }

    @Test
    void dockerfileThatDoesNotBuildOnBaseImageIsRefused() {
        Workspaces.write(workspace, "blessed/Dockerfile", "FROM scratch\n");
        assertThatThrownBy(() -> bless()).isInstanceOf(BadInputException.class).hasMessageContaining("FROM ${BASE_IMAGE}");
    }
}
