package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input across the commands: each exits 2 with one line on standard error naming the bad value and
 * no stack trace, and the catalog is the same, row for row, before and after. The list and the message
 * each gets are in docs/reliability.md.
 */
class BadInputSweepTest {
    private static final String IMAGE = "127.0.0.1:5999/apps/sweep:1";

    @TempDir
    Path dir;
    Path catalog;
    String digest;

    @BeforeEach
    void seed() throws Exception {
        catalog = dir.resolve("catalog");
        digest = Digest.sha256("sweep").toString();
        try (Catalog c = Catalog.open(catalog.toString())) {
            ImageRecord image = new ImageRecord(digest, "127.0.0.1:5999/apps/sweep", List.of(IMAGE), Role.AUGMENTED, null,
                    "127.0.0.1:5999/upstream/base:1", Digest.sha256("base").toString(), Instant.now(), Stage.BUILT, null, null,
                    "seed", "{}");
            c.recordBuilt(image, LifecycleEvent.of("seed", "augment", digest, IMAGE, null, Stage.BUILT, "seeded", null));
        }
        Files.writeString(dir.resolve("empty-metadata.yaml"), "schemaVersion: 2.0.0\nmetadataTest: {}\n");
        Files.writeString(dir.resolve("ok.yaml"), "schemaVersion: 2.0.0\nfileExistenceTests:\n  - name: sh\n    path: /bin/sh\n");
        Files.writeString(dir.resolve("a-file"), "not a folder");
    }

    /** One bad invocation, and a word its one line must contain (the value or the option it names). */
    record Probe(String names, String... args) {
    }

    private List<Probe> probes() {
        String cat = catalog.toString();
        String ok = dir.resolve("ok.yaml").toString();
        return List.of(
                new Probe("--catalog", "status", "--catalog", ""),
                new Probe("--catalog", "status", "--catalog", "   "),
                new Probe("is a file", "status", "--catalog", dir.resolve("a-file").toString()),
                new Probe("cannot be created", "status", "--catalog", dir.resolve("a-file").resolve("sub").toString()),
                new Probe("/missing/dir/r.xml", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--junit", "/missing/dir/r.xml"),
                new Probe("-5", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--test-timeout", "-5"),
                new Probe("parallelism 0", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--test-parallelism", "0"),
                new Probe("holds no tests", "test", "--catalog", cat, "--image", IMAGE, "--tests", dir.resolve("empty-metadata.yaml").toString()),
                // a spec that does not validate is one failing result of the run, as in CST (CstBehaviourIT); one that
                // cannot be read at all is bad input
                new Probe("missing-spec.yaml", "test", "--catalog", cat, "--image", IMAGE,
                        "--tests", dir.resolve("missing-spec.yaml").toString()),
                new Probe("not a Docker engine address", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok,
                        "--docker-host", "not a url"),
                new Probe("0 minutes", "build-host", "--catalog", cat, "--workspace", dir.toString(), "--template", "t.pkr.hcl",
                        "--timeout", "0"),
                new Probe("+999999999-12-31", "deprecate", "--catalog", cat, "--image", IMAGE, "--eol", "+999999999-12-31",
                        "--reason", "far"),
                new Probe("not-a-date", "deprecate", "--catalog", cat, "--image", IMAGE, "--eol", "not-a-date", "--reason", "x"),
                new Probe("apps/unknown", "history", "--catalog", cat, "--image", "127.0.0.1:5999/apps/unknown:1"),
                new Probe("apps/unknown", "lineage", "--catalog", cat, "--image", "127.0.0.1:5999/apps/unknown:1"),
                new Probe("apps/unknown", "retire", "--catalog", cat, "--image", "127.0.0.1:5999/apps/unknown:1", "--reason", "x"),
                new Probe("apps/unknown", "promote", "--catalog", cat, "--image", "127.0.0.1:5999/apps/unknown:1", "--to", "dev"),
                new Probe("nowhere", "promote", "--catalog", cat, "--image", IMAGE, "--to", "nowhere"),
                new Probe("70000", "serve", "--catalog", cat, "--port", "70000"),
                new Probe("/missing/folder/view.html", "report", "--catalog", cat, "--out", "/missing/folder/view.html"),
                new Probe("--base", "bless", "--catalog", cat, "--base", "", "--dockerfile", "d", "--context", ".", "--target", IMAGE),
                new Probe("--target", "bless", "--catalog", cat, "--base", IMAGE, "--dockerfile", "d", "--context", ".", "--target", " "),
                new Probe("--from", "augment", "--catalog", cat, "--from", "", "--dockerfile", "d", "--context", ".", "--target", IMAGE),
                new Probe("--config", "promote", "--catalog", cat, "--image", IMAGE, "--to", "dev", "--config", ""),
                new Probe("--policy", "retire", "--catalog", cat, "--policy", ""),
                new Probe("--no-such-option", "status", "--catalog", cat, "--no-such-option"));
    }

    @Test
    void everyBadInputExitsTwoWithOneLineNamingItAndChangesNothing() throws Exception {
        String before = checksum();
        List<String> wrong = new ArrayList<>();
        for (Probe probe : probes()) {
            CliRun run = CliRun.of(probe.args());
            List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
            boolean oneLine = lines.size() == 1 && lines.get(0).startsWith("image-lifecycle: ");
            if (run.exitCode() != 2 || !oneLine || !lines.get(0).contains(probe.names()) || run.err().contains("\tat ")
                    || run.err().contains("java.")) {
                wrong.add(String.join(" ", probe.args()) + " -> exit " + run.exitCode() + ": " + run.err());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checksum()).isEqualTo(before);
        assertThat(probes()).hasSizeGreaterThanOrEqualTo(25);
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

    /** Every row of every table, in a fixed order, hashed: equal before and after means nothing changed. */
    private String checksum() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Catalog c = Catalog.open(catalog.toString())) {
            return c.read(conn -> {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
                tables.sort(null);
                for (String table : tables) {
                    try (ResultSet rs = conn.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                sha.update(String.valueOf(rs.getObject(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                                sha.update((byte) 0);
                            }
                        }
                    }
                    sha.update(table.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(sha.digest());
            });
        }
    }
}
