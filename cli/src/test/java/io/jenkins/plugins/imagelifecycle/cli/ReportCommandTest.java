package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.SoundCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} (issue 19: a CLI test for every command) on a real catalog: the self-contained page holds the view's
 * whole document, streamed, with nothing left beside it; a report over an old one replaces it whole.
 */
class ReportCommandTest {
    @TempDir
    Path dir;
    Path catalogDir;
    SoundCatalog sound;

    @BeforeEach
    void writeACatalog() throws Exception {
        catalogDir = Files.createDirectories(dir.resolve("catalog"));
        try (Catalog catalog = Catalog.open(catalogDir.toString())) {
            sound = SoundCatalog.writeTo(catalog);
        }
    }

    @Test
    void writesTheViewOfEveryImageIntoOnePageAndNothingBesideIt() throws Exception {
        Path out = Files.createDirectories(dir.resolve("site")).resolve("lifecycle.html");
        Files.writeString(out, "an old report");

        CliRun run = CliRun.onCatalog(catalogDir, "report", "--json", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.read(run.out()).path("report").asText()).isEqualTo(out.toAbsolutePath().toString());
        String page = Files.readString(out, StandardCharsets.UTF_8);
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"lifecycle-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(page);
        assertThat(data.find()).as("the data block").isTrue();
        assertThat(data.group(1)).doesNotContain("<");
        JsonNode view = Json.read(data.group(1));
        assertThat(view.path("schema").asText()).isEqualTo("image-lifecycle-view/v2");
        assertThat(view.path("images")).as("no server answers a file: every image's history is inline")
                .allSatisfy(i -> assertThat(i.path("history").isArray()).isTrue());
        assertThat(view.path("images")).extracting(i -> i.path("digest").asText())
                .contains(sound.blessed.digest(), sound.app1.digest(), sound.app2.digest(), sound.retired.digest());
        assertThat(view.path("images")).filteredOn(i -> i.path("digest").asText().equals(sound.app1.digest())).singleElement()
                .satisfies(i -> {
                    // placed in dev, then replaced there by app2; still in qa
                    assertThat(i.path("environments")).extracting(JsonNode::asText).containsExactly("qa");
                    assertThat(i.path("history")).extracting(e -> e.path("action").asText()).startsWith("augment", "test", "signed");
                    assertThat(i.path("tests").path("result").asText()).isNotEmpty();
                });
        assertThat(view.path("images")).filteredOn(i -> i.path("digest").asText().equals(sound.app2.digest())).singleElement()
                .satisfies(i -> assertThat(i.path("environments")).extracting(JsonNode::asText).containsExactly("dev"));
        assertThat(view.path("edges")).anySatisfy(e -> assertThat(e.path("to").asText()).isEqualTo(sound.app1.digest()));
        try (var beside = Files.list(out.getParent())) {
            assertThat(beside).as("no partial file left").containsExactly(out);
        }
    }

    @Test
    void aFolderThatIsNotThereChangesNothing() {
        CliRun run = CliRun.onCatalog(catalogDir, "report", "--out", dir.resolve("nowhere/lifecycle.html").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nowhere").hasLineCount(1);
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }
}
