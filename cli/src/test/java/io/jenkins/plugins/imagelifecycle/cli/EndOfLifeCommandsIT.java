package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deprecate, watch, retire and policy runs from the command line against the real engine and registry:
 * a real bless and augment, a real re-push of the upstream, and augment refused from the retired image.
 */
@Tag("integration")
class EndOfLifeCommandsIT {
    @TempDir
    Path workspace;
    @TempDir
    Path catalog;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    private String target(String repo) {
        return RealDocker.registry().host() + "/" + repo + "-" + unique + ":1";
    }

    private CliRun run(String... args) {
        return CliRun.onCatalog(catalog, args);
    }

    @Test
    void deprecateWatchRetireAndPolicyFromTheCommandLine() throws Exception {
        Workspaces.standard(workspace);
        String upstreamRepo = "upstream/eol-cli-" + unique + ":1";
        ImageRef base = RealDocker.busyboxBase(upstreamRepo, "eol-1");
        CliRun blessed = run("bless", "--json", "--workspace", workspace.toString(), "--base", base.withoutDigest().toString(),
                "--dockerfile", "blessed/Dockerfile", "--context", "blessed", "--target", target("blessed/eol"));
        assertThat(blessed.exitCode()).as(blessed.err()).isZero();
        String blessedDigest = Json.read(blessed.out()).path("digest").asText();
        CliRun app = run("augment", "--json", "--workspace", workspace.toString(), "--from", blessedDigest,
                "--dockerfile", "app/Dockerfile", "--context", "app", "--target", target("apps/eol"));
        assertThat(app.exitCode()).as(app.err()).isZero();
        String appDigest = Json.read(app.out()).path("digest").asText();

        CliRun past = run("deprecate", "--image", blessedDigest, "--eol", "2001-01-01", "--reason", "old");
        assertThat(past.exitCode()).isEqualTo(2);
        assertThat(past.err()).contains("'2001-01-01'").contains("in the past");
        String eol = LocalDate.now().plusDays(30).toString();
        CliRun deprecated = run("deprecate", "--json", "--image", blessedDigest, "--eol", eol, "--reason", "superseded");
        assertThat(deprecated.exitCode()).as(deprecated.err()).isZero();
        assertThat(Json.read(deprecated.out()).path("stage").asText()).isEqualTo("deprecated");

        CliRun quiet = run("watch", "--once");
        assertThat(quiet.exitCode()).as(quiet.err() + quiet.out()).isZero();
        assertThat(quiet.out()).contains("unchanged").contains("No rebuilds due");

        RealDocker.busyboxBase(upstreamRepo, "eol-2-patched");
        CliRun due = run("watch", "--once", "--json");
        assertThat(due.exitCode()).as(due.err()).isEqualTo(3);
        JsonNode plan = Json.read(due.out());
        assertThat(plan.path("plan")).hasSize(2);
        assertThat(plan.path("plan").get(0).path("digest").asText()).isEqualTo(blessedDigest);
        assertThat(plan.path("plan").get(1).path("digest").asText()).isEqualTo(appDigest);
        assertThat(plan.path("plan").get(1).path("lastBuiltFrom").path("parentDigest").asText()).isEqualTo(blessedDigest);
        assertThat(plan.path("plan").get(0).path("invocationId").asText()).startsWith("urn:uuid:");

        CliRun retired = run("retire", "--json", "--image", blessedDigest, "--reason", "CVE-2026-1234");
        assertThat(retired.exitCode()).as(retired.err()).isZero();
        JsonNode r = Json.read(retired.out());
        assertThat(r.path("retired").get(0).asText()).isEqualTo(blessedDigest);
        assertThat(r.path("outdated").get(0).asText()).isEqualTo(appDigest);

        CliRun refused = run("augment", "--workspace", workspace.toString(), "--from", blessedDigest,
                "--dockerfile", "app/Dockerfile", "--context", "app", "--target", target("apps/eol-again"));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("retired");

        Path policy = workspace.resolve("policy.yaml");
        Files.writeString(policy, "rules:\n  - family: \"*\"\n    olderThanDays: 0\n    reason: clean up\n");
        CliRun dry = run("retire", "--json", "--policy", policy.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(Json.read(dry.out()).path("decisions")).hasSize(1);
        // the dry run changed nothing: the augment and its contents reading are all there is
        assertThat(Json.read(run("history", "--json", "--image", appDigest).out()).path("events"))
                .extracting(e -> e.path("action").asText()).containsExactly("augment", "contents", "sbom");
        CliRun real = run("retire", "--policy", policy.toString());
        assertThat(real.exitCode()).as(real.err()).isZero();
        assertThat(real.out()).contains("1 image(s) changed (deprecated 0, retired 1, purged 0)");
        assertThat(Json.read(run("history", "--json", "--image", appDigest).out()).path("events"))
                .extracting(e -> e.path("action").asText()).containsExactly("augment", "contents", "sbom", "retire");

        CliRun bad = run("retire", "--image", appDigest);
        assertThat(bad.exitCode()).isEqualTo(2);
    }
}
