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

/** The command line in-process against the real engine and registry. */
@Tag("integration")
class BuildCommandsIT {
    private static ImageRef base;

    @TempDir
    Path workspace;
    @TempDir
    Path catalog;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void upstream() {
        base = RealDocker.busyboxBase("upstream/busybox-cli:1", "cli");
    }

    private String target(String repo) {
        return RealDocker.registry().host() + "/" + repo + "-" + unique + ":1";
    }

    private CliRun bless(String target) {
        return CliRun.of("bless", "--json", "--catalog", catalog.toString(), "--workspace", workspace.toString(),
                "--base", base.withoutDigest().toString(), "--dockerfile", "blessed/Dockerfile", "--context", "blessed",
                "--target", target);
    }

    @Test
    void blessAndAugmentPrintOneJsonObjectEachAndStatusHistoryLineageShowThem() {
        Workspaces.standard(workspace);
        CliRun blessed = bless(target("blessed/cli"));
        assertThat(blessed.exitCode()).as(blessed.err()).isZero();
        JsonNode b = Json.read(blessed.out());
        assertThat(b.path("ref").asText()).isEqualTo(target("blessed/cli"));
        assertThat(b.path("digest").asText()).startsWith("sha256:");
        assertThat(b.path("parent").asText()).isEqualTo(base.digest().orElseThrow().toString());
        assertThat(b.path("stage").asText()).isEqualTo("built");
        assertThat(b.path("provenance").path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
        assertThat(Path.of(b.path("provenanceFile").asText())).exists();
        assertThat(blessed.err()).contains("Pinned base");

        CliRun augmented = CliRun.of("augment", "--json", "--catalog", catalog.toString(), "--workspace", workspace.toString(),
                "--from", b.path("digest").asText(), "--dockerfile", "app/Dockerfile", "--context", "app",
                "--target", target("apps/cli"), "--build-arg", "APP_VERSION=3");
        assertThat(augmented.exitCode()).as(augmented.err()).isZero();
        JsonNode a = Json.read(augmented.out());
        assertThat(a.path("parent").asText()).isEqualTo(b.path("digest").asText());

        JsonNode status = Json.read(CliRun.of("status", "--json", "--catalog", catalog.toString()).out());
        assertThat(status.path("images")).hasSize(2);
        JsonNode history = Json.read(CliRun.of("history", "--json", "--catalog", catalog.toString(), "--image", target("apps/cli")).out());
        assertThat(history.path("events").get(0).path("action").asText()).isEqualTo("augment");
        JsonNode lineage = Json.read(CliRun.of("lineage", "--json", "--catalog", catalog.toString(), "--image", b.path("digest").asText()).out());
        assertThat(lineage.path("descendants").get(0).path("digest").asText()).isEqualTo(a.path("digest").asText());

        CliRun text = CliRun.of("status", "--catalog", catalog.toString());
        assertThat(text.out()).contains("blessed").contains("augmented").contains(target("apps/cli"));
    }

    @Test
    void badInputExitsTwoWithOneLineAndNoStackTrace() throws Exception {
        Workspaces.standard(workspace);
        CliRun run = CliRun.of("bless", "--catalog", catalog.toString(), "--workspace", workspace.toString(),
                "--base", "Upstream/Base:1", "--dockerfile", "blessed/Dockerfile", "--target", target("blessed/x"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("image-lifecycle: ").contains("'Upstream'").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();

        CliRun missing = CliRun.of("bless", "--catalog", catalog.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required options");
    }

    @Test
    void otherFailuresExitOneAndVerboseShowsTheStackTrace() {
        Workspaces.standard(workspace);
        String[] args = {"bless", "--catalog", catalog.toString(), "--workspace", workspace.toString(),
            "--base", "127.0.0.1:1/upstream/none:1", "--dockerfile", "blessed/Dockerfile", "--context", "blessed",
            "--target", target("blessed/x")};
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("127.0.0.1:1").doesNotContain("\tat ");

        String[] verbose = java.util.Arrays.copyOf(args, args.length + 1);
        verbose[args.length] = "--verbose";
        assertThat(CliRun.of(verbose).err()).contains("\tat ");
    }

    @Test
    void pushWithWrongDockerConfigCredentialsFailsWithoutShowingThem() throws Exception {
        Workspaces.standard(workspace);
        try (var secured = io.jenkins.plugins.imagelifecycle.testing.TestRegistry.builder().withHtpasswd().start()) {
            Path dockerConfig = Files.createTempDirectory("docker-config");
            String auth = java.util.Base64.getEncoder().encodeToString("tester:wrong-secret-value".getBytes());
            Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{\"" + secured.host() + "\":{\"auth\":\"" + auth + "\"}}}");
            CliRun run = CliRun.of("bless", "--catalog", catalog.toString(), "--workspace", workspace.toString(),
                    "--docker-config", dockerConfig.toString(), "--base", base.withoutDigest().toString(),
                    "--dockerfile", "blessed/Dockerfile", "--context", "blessed", "--target", secured.host() + "/blessed/x:1");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains(secured.host()).doesNotContain("wrong-secret-value");
            assertThat(Json.read(CliRun.of("status", "--json", "--catalog", catalog.toString()).out()).path("images")).isEmpty();
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"bless", "augment", "status", "history", "lineage"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: image-lifecycle " + command).contains("--catalog").contains("--json");
        }
    }
}
