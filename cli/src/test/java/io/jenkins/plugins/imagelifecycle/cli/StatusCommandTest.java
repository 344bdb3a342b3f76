package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status --json} over more images than three pages hold: the pages, rendered on several threads, come out as
 * one document in the listing's order (oldest first), every image once, with the flags computed from the whole catalog.
 */
class StatusCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsEveryImageOfSeveralPagesOnceInOrderWithItsFlags() {
        List<String> expected = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        try (Catalog catalog = Catalog.open(dir.toString())) {
            SyntheticImages images = new SyntheticImages(catalog, "127.0.0.1:5000");
            ImageRecord old = images.blessed("blessed/base:1", "127.0.0.1:5000/upstream/base:1", "sha256:" + "1".repeat(64), t0);
            expected.add(old.digest());
            for (int n = 0; n < 1_050; n++) {
                expected.add(images.child("apps/app" + n + ":1", old, t0.plusSeconds(1 + n)).digest());
            }
            // the same base reference built again from a newer digest: the first blessed image and all built on it are outdated
            expected.add(images.blessed("blessed/base:2", "127.0.0.1:5000/upstream/base:1", "sha256:" + "2".repeat(64),
                    t0.plusSeconds(10_000)).digest());
        }

        CliRun run = CliRun.onCatalog(dir, "status", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode listed = Json.read(run.out()).path("images");
        List<String> digests = StreamSupport.stream(listed.spliterator(), false).map(i -> i.path("digest").asText()).toList();
        assertThat(digests).containsExactlyElementsOf(expected);
        assertThat(listed.get(0).path("outdatedReasons").get(0).asText()).startsWith("base moved on: ");
        assertThat(listed.get(700).path("outdatedReasons")).extracting(JsonNode::asText).containsExactly("parent outdated: " + expected.get(0));
        assertThat(listed.get(expected.size() - 1).path("outdated").asBoolean()).isFalse();
    }
}
