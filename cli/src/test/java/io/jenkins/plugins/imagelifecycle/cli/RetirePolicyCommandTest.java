package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retire --policy FILE [--dry-run] [--json]} on a real catalog of recorded images (no registry: nothing
 * here is due for purge): the table's stages and dates, the JSON, and a real run doing what the dry run showed.
 */
class RetirePolicyCommandTest {
    private static final String HOST = "127.0.0.1:5997";

    @TempDir
    Path catalog;
    @TempDir
    Path files;

    private CliRun run(String... args) {
        return CliRun.onCatalog(catalog, args);
    }

    @Test
    void theDryRunShowsEachImagesNextStageAndTheRealRunAppliesIt() throws Exception {
        Instant now = Instant.now();
        ImageRecord old;
        ImageRecord recent;
        try (Catalog c = Catalog.open(catalog.toString())) {
            SyntheticImages images = new SyntheticImages(c, HOST);
            old = images.blessed("blessed/cli-fam:1", HOST + "/upstream/base:1", "sha256:" + "b".repeat(64), now.minus(Duration.ofDays(40)));
            recent = images.blessed("blessed/cli-fam:2", HOST + "/upstream/base:1", "sha256:" + "b".repeat(64), now.minus(Duration.ofDays(2)));
        }
        Path policy = files.resolve("policy.yaml");
        Files.writeString(policy, "rules:\n  - family: \"*\"\n    deprecate: {afterDays: 30}\n    retire: {afterDays: 90}\n"
                + "    purge: {afterDays: 365}\n    reason: ninety days\n");

        CliRun dry = run("retire", "--policy", policy.toString(), "--dry-run");
        CliRun dryJson = run("retire", "--json", "--policy", policy.toString(), "--dry-run");
        CliRun real = run("retire", "--json", "--policy", policy.toString());

        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("Dry run, nothing changed: 1 image(s) due now (deprecated 1, retired 0, purged 0); 0 spared")
                .contains("IMAGE").contains("NEXT").contains("DUE");
        assertThat(dry.out().lines().filter(l -> l.startsWith(ImageJson.shortDigest(old.digest())))).singleElement().satisfies(line ->
                assertThat(line).contains("built").contains("deprecate").contains("due now: deprecate (ninety days)"));
        assertThat(dry.out().lines().filter(l -> l.startsWith(ImageJson.shortDigest(recent.digest())))).singleElement().satisfies(line ->
                assertThat(line).contains("deprecate").contains("not yet")
                        .contains(recent.createdAt().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        JsonNode plan = Json.read(dryJson.out());
        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        assertThat(plan.path("decisions")).hasSize(2);
        assertThat(plan.path("decisions").get(0).path("digest").asText()).isEqualTo(old.digest());
        assertThat(plan.path("decisions").get(0).path("dueNow").asBoolean()).isTrue();
        assertThat(plan.path("decisions").get(0).path("stagesDue").get(0).asText()).isEqualTo("deprecate");
        assertThat(plan.path("decisions").get(1).path("currentStage").asText()).isEqualTo("built");
        assertThat(plan.path("decisions").get(1).path("nextStage").asText()).isEqualTo("deprecate");
        assertThat(plan.path("decisions").get(1).path("dueNow").asBoolean()).isFalse();
        assertThat(real.exitCode()).as(real.err()).isZero();
        JsonNode applied = Json.read(real.out());
        assertThat(applied.path("decisions")).isEqualTo(plan.path("decisions"));
        assertThat(applied.path("dryRun").asBoolean()).isFalse();
        JsonNode history = Json.read(run("history", "--json", "--image", old.digest()).out()).path("events");
        assertThat(history).extracting(e -> e.path("action").asText()).containsExactly("bless", "deprecate");
        assertThat(history.get(1).path("details").path("eolDate").asText())
                .isEqualTo(java.time.LocalDate.ofInstant(old.createdAt().plus(Duration.ofDays(90)), java.time.ZoneOffset.UTC).toString());
    }
}
