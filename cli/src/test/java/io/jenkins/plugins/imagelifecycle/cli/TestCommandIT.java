package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code test} and {@code bless --tests} on the command line, against the real engine. */
@Tag("integration")
class TestCommandIT {
    private static ImageRef base;

    @TempDir
    Path workspace;
    @TempDir
    Path catalog;

    @BeforeAll
    static void upstream() {
        base = RealDocker.busyboxBase("upstream/busybox-cli-test:1", "cli-test");
    }

    @Test
    void blessWithTestsThenTestAgainWritesJunitAndRecordsEachRun() throws Exception {
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/ok.yaml",
                "schemaVersion: '2.0.0'\ncommandTests:\n  - name: echo\n    command: echo\n    args: [hi]\n    expectedOutput: [hi]\n");
        Workspaces.write(workspace, "tests/fail.yaml",
                "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: missing\n    path: /nope\n");
        String target = RealDocker.registry().host() + "/blessed/cli-test-" + UUID.randomUUID().toString().substring(0, 8) + ":1";

        CliRun blessed = CliRun.of("bless", "--json", "--catalog", catalog.toString(), "--workspace", workspace.toString(),
                "--base", base.toString(), "--dockerfile", "blessed/Dockerfile", "--context", "blessed", "--target", target,
                "--tests", "tests/ok.yaml");
        assertThat(blessed.exitCode()).as(blessed.err()).isZero();
        JsonNode b = Json.read(blessed.out());
        assertThat(b.path("stage").asText()).isEqualTo("tested");
        assertThat(b.path("tests").asText()).isEqualTo("PASSED");
        assertThat(blessed.err()).contains("PASS Command Test: echo");

        Path junit = workspace.resolve("again.xml");
        CliRun failed = CliRun.of("test", "--json", "--catalog", catalog.toString(), "--image", target,
                "--tests", workspace.resolve("tests/fail.yaml").toString(), "--junit", junit.toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        JsonNode f = Json.read(failed.out());
        assertThat(f.path("result").asText()).isEqualTo("FAILED");
        assertThat(f.path("tests").get(0).path("message").asText()).contains("/nope does not exist");
        assertThat(Files.readString(junit)).contains("failures=\"1\"");

        JsonNode status = Json.read(CliRun.of("status", "--json", "--catalog", catalog.toString()).out());
        assertThat(status.path("images").get(0).path("stage").asText()).isEqualTo("failed");
    }

    /** A spec that does not validate is one failing result (CST's rule, CstBehaviourIT); one that cannot be read is bad input. */
    @Test
    void aSpecFileThatCannotBeReadExitsTwo() {
        Path missing = workspace.resolve("missing.yaml");
        CliRun run = CliRun.of("test", "--catalog", catalog.toString(), "--image", "127.0.0.1:5000/x:1", "--tests", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(missing.toString()).contains("cannot be read");
    }
}
