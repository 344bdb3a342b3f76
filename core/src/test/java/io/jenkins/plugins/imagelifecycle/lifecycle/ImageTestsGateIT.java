package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import io.jenkins.plugins.imagelifecycle.verify.SpecParser;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image tests as the gate of bless and augment, and the test operation, against the real engine. */
@Tag("integration")
class ImageTestsGateIT {
    private static final String PASSING = """
            schemaVersion: '2.0.0'
            fileExistenceTests:
              - name: hooks installed
                path: /etc/image-hooks/marker
            commandTests:
              - name: shell works
                command: sh
                args: ["-c", "echo ok"]
                expectedOutput: ['ok']
            """;
    private static final String FAILING = """
            schemaVersion: '2.0.0'
            fileExistenceTests:
              - name: forbidden tool absent
                path: /bin/wget
                shouldExist: false
            """;

    private static ImageRef base;
    private static TestRegistry registry;

    @TempDir
    Path workspace;
    @TempDir
    Path catalogDir;
    private Catalog catalog;
    private BuildOperations operations;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void upstream() {
        registry = RealDocker.registry();
        base = RealDocker.busyboxBase("upstream/busybox-gate:1", "gate");
    }

    @BeforeEach
    void setUp() {
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/passing.yaml", PASSING);
        Workspaces.write(workspace, "tests/failing.yaml", FAILING);
        catalog = Catalog.open(catalogDir.toString());
        operations = new BuildOperations(catalog, new ContainerBuild(RealDocker.engine(), registry.client(), h -> Optional.empty()),
                registry.client(), new BuildContext("tester", "https://builder.example/test", "urn:test:" + unique));
    }

    private ContainerBuildRequest bless(String repo, List<String> tests) {
        return new ContainerBuildRequest(base.toString(), "blessed/Dockerfile", "blessed",
                registry.host() + "/" + repo + "-" + unique + ":1", Map.of(), null, null, tests);
    }

    @Test
    void imagePassingItsTestsIsPushedBornTestedWithTheRunOnRecord() throws Exception {
        BuiltImage built = operations.bless(workspace, bless("blessed/gate", List.of("tests/passing.yaml")), RealDocker.quiet());

        assertThat(built.record().stage()).isEqualTo(Stage.TESTED);
        assertThat(catalog.find(built.record().digest()).orElseThrow().stage()).isEqualTo(Stage.TESTED);
        List<TestRunRecord> runs = catalog.testRuns(built.record().digest());
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.result()).isEqualTo("PASSED");
            assertThat(run.passed()).isEqualTo(2);
            JsonNode statement = Json.read(run.statement());
            assertThat(statement.path("predicateType").asText()).isEqualTo("https://in-toto.io/attestation/test-result/v0.1");
            assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo(built.record().digest().substring(7));
            assertThat(statement.at("/predicate/configuration/0/name").asText()).isEqualTo("passing.yaml");
            assertThat(statement.at("/predicate/passedTests")).hasSize(2);
        });
        assertThat(Files.readString(Path.of(built.junitFile()))).contains("<testcase").contains("hooks installed");
        assertThat(catalog.history(built.record().digest())).extracting(LifecycleEvent::action)
                .containsExactly("bless", "test", ImageContentsOperation.ACTION, ImageContentsOperation.SBOM);
    }

    @Test
    void imageFailingATestIsNotPushedAndOnlyTheFailedAttemptIsRecorded() {
        ContainerBuildRequest request = bless("blessed/gate-fail", List.of("tests/passing.yaml", "tests/failing.yaml"));

        assertThatThrownBy(() -> operations.bless(workspace, request, RealDocker.quiet()))
                .isInstanceOf(TestsFailedException.class)
                .hasMessageContaining("forbidden tool absent")
                .hasMessageContaining("not pushed")
                .hasMessageContaining("docker run --rm -it");

        assertThatThrownBy(() -> registry.client().resolve(ImageRef.parse(request.target())))
                .isInstanceOf(NotFoundException.class);
        assertThat(catalog.images()).isEmpty();
        LifecycleEvent failed = catalog.recentEvents(5).get(0);
        assertThat(failed.toStage()).isEqualTo(Stage.FAILED);
        assertThat(failed.digest()).isNull();
        String localId = Json.read(failed.details()).path("localImageId").asText();
        assertThat(Json.read(failed.details()).path("failedTests").get(0).asText()).isEqualTo("File Existence Test: forbidden tool absent");
        assertThat(RealDocker.engine().inspect(localId)).as("kept for inspection").isPresent();
        RealDocker.engine().remove(localId);
    }

    @Test
    void aBadSpecIsRefusedBeforeAnythingIsBuilt() {
        Workspaces.write(workspace, "tests/bad.yaml", "schemaVersion: '2.0.0'\ncommandTests:\n  - name: x\n");
        assertThatThrownBy(() -> operations.bless(workspace, bless("blessed/gate-bad", List.of("tests/bad.yaml")), RealDocker.quiet()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("bad.yaml").hasMessageContaining("'command' is missing");
        assertThat(catalog.recentEvents(5)).isEmpty();
    }

    @Test
    void theTestOperationMovesTheStageEachRunAndRefusesRetiredImages() throws Exception {
        BuiltImage built = operations.bless(workspace, bless("blessed/gate-op", List.of()), RealDocker.quiet());
        String digest = built.record().digest();
        ImageTestOperation op = new ImageTestOperation(catalog);
        var runner = ImageTestOperation.runner(RealDocker.engine(), 4, Duration.ofSeconds(30));
        RealDocker.engine().remove(built.pushedRef());

        ImageRecord image = op.target(built.pushedRef());
        TestReport failing = ImageTestOperation.runOn(RealDocker.engine(), image,
                List.of(SpecParser.parse(workspace.resolve("tests/failing.yaml"))), runner, h -> Optional.empty(), RealDocker.quiet());
        op.record(image, failing, "tester");
        assertThat(catalog.find(digest).orElseThrow().stage()).isEqualTo(Stage.FAILED);

        image = op.target(digest);
        TestReport passing = ImageTestOperation.runOn(RealDocker.engine(), image,
                List.of(SpecParser.parse(workspace.resolve("tests/passing.yaml"))), runner, h -> Optional.empty(), RealDocker.quiet());
        op.record(image, passing, "tester");
        assertThat(catalog.find(digest).orElseThrow().stage()).isEqualTo(Stage.TESTED);
        assertThat(catalog.testRuns(digest)).extracting(TestRunRecord::result).containsExactly("FAILED", "PASSED");
        assertThat(catalog.latestTestRun(digest).orElseThrow().isPassed()).isTrue();
        // bless, its contents and SBOM leave it built; the two test runs move it
        assertThat(catalog.history(digest)).extracting(LifecycleEvent::toStage)
                .containsExactly(Stage.BUILT, Stage.BUILT, Stage.BUILT, Stage.FAILED, Stage.TESTED);

        catalog.transition(digest, Stage.TESTED, LifecycleEvent.of("t", "retire", digest, null, Stage.TESTED, Stage.RETIRED, "eol", null));
        assertThatThrownBy(() -> op.target(digest)).isInstanceOf(GateRefusedException.class).hasMessageContaining("retired");
    }
}
