package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.cli.BadInputProbes.Probe;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.CatalogRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input across the commands (the probes: {@link BadInputProbes}): each exits 2 with one line on standard error
 * naming the bad value and no stack trace, and the catalog is the same, row for row, before and after, with no file
 * written or gone beside it. The list and the line each gets are in docs/reliability.md.
 */
class BadInputSweepTest {
    private static final String IMAGE = BadInputProbes.IMAGE;

    @TempDir
    Path dir;
    Path catalog;

    @BeforeEach
    void seed() throws Exception {
        catalog = dir.resolve("catalog");
        String digest = Digest.sha256("sweep").toString();
        try (Catalog c = Catalog.open(catalog.toString())) {
            ImageRecord image = new ImageRecord(digest, "127.0.0.1:5999/apps/sweep", List.of(IMAGE), Role.AUGMENTED, null,
                    "127.0.0.1:5999/upstream/base:1", Digest.sha256("base").toString(), Instant.now(), Stage.BUILT, null, null,
                    "seed", "{}");
            c.recordBuilt(image, LifecycleEvent.of("seed", "augment", digest, IMAGE, null, Stage.BUILT, "seeded", null));
        }
        BadInputProbes.writeFiles(dir);
    }

    @Test
    @Timeout(120) // a probe that got as far as serving would wait for ever
    void everyBadInputExitsTwoWithOneLineNamingItAndChangesNothing() throws Exception {
        List<Probe> probes = new BadInputProbes(dir, catalog).all();
        String before = checksum();
        List<String> files = besideTheCatalog();
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder("| invocation | the one line |\n|---|---|\n");
        for (Probe probe : probes) {
            CliRun run = CliRun.of(probe.args());
            List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
            boolean oneLine = lines.size() == 1 && lines.get(0).startsWith("image-lifecycle: ");
            if (run.exitCode() != 2 || !oneLine || !lines.get(0).contains(probe.names()) || run.err().contains("\tat ")
                    || run.err().contains("java.")) {
                wrong.add(String.join(" ", probe.args()) + " -> exit " + run.exitCode() + ": " + run.err());
            }
            table.append("| `").append(probe.invocation(dir)).append("` | ").append(run.exitCode()).append(": ")
                    .append(String.join(" ", lines).replace(dir.toString(), "…").replace("|", "\\|")).append(" |\n");
        }
        // the list docs/reliability.md shows, as this run got it
        Files.writeString(Path.of("target", "bad-input-sweep.md"), table);
        assertThat(wrong).isEmpty();
        assertThat(checksum()).isEqualTo(before);
        assertThat(besideTheCatalog()).isEqualTo(files);
        assertThat(probes).extracting(p -> String.join(" ", p.args())).doesNotHaveDuplicates();
        assertThat(probes).hasSizeGreaterThanOrEqualTo(60);
    }

    /** The files the probes name or might write: none may appear or go. */
    private List<String> besideTheCatalog() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void withJsonAnErrorIsTheOneObjectOnStandardOutput() {
        CliRun run = CliRun.of("history", "--json", "--catalog", catalog.toString(), "--image", "127.0.0.1:5999/apps/unknown:1");
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode error = Json.read(run.out());
        assertThat(error.path("exitCode").asInt()).isEqualTo(2);
        assertThat(error.path("error").asText()).contains("apps/unknown");
    }

    @Test
    void aReasonWithControlCharactersIsStoredAsGivenAndPrintedEscaped() {
        String forged = "superseded\n2026-01-01T00:00:00Z  retire  by admin (cli): \u001b[31mforged";
        CliRun deprecated = CliRun.of("deprecate", "--catalog", catalog.toString(), "--image", IMAGE, "--eol", "9999-12-31",
                "--reason", forged);
        assertThat(deprecated.exitCode()).as(deprecated.err()).isZero();
        CliRun history = CliRun.of("history", "--catalog", catalog.toString(), "--image", IMAGE);
        assertThat(history.out()).doesNotContain("\u001b").contains("superseded\\n2026-01-01").contains("\\u001b[31mforged");
        assertThat(history.out().lines()).hasSize(3);
        JsonNode json = Json.read(CliRun.of("history", "--json", "--catalog", catalog.toString(), "--image", IMAGE).out());
        assertThat(json.path("events").get(1).path("reason").asText()).isEqualTo(forged);
    }

    @Test
    void helpShowsTheDockerfileRuleWithItsVariable() {
        for (String command : List.of("bless", "augment")) {
            assertThat(CliRun.of(command, "--help").out()).contains("FROM ${BASE_IMAGE}").doesNotContain("FROM null");
        }
    }

    private String checksum() {
        try (Catalog c = Catalog.open(catalog.toString())) {
            return CatalogRows.checksum(c);
        }
    }
}
