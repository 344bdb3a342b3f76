package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import io.jenkins.plugins.imagelifecycle.testing.SoundCatalog;
import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user runs it on a PostgreSQL catalog that takes passwords ({@code scram-sha-256}): its own process, the URL
 * with the user only, the password in PostgreSQL's password file ({@code PGPASSFILE}). The right one checks the catalog;
 * a wrong one fails in one line naming the catalog and the user, and no password shows in anything the process prints.
 */
@Tag("integration")
class CatalogCheckPostgresCommandIT {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @TempDir
    Path files;

    @Test
    void thePasswordFromThePasswordFileOpensTheCatalog() throws Exception {
        TestPostgres server = postgres.server();
        try (Catalog catalog = new Catalog(server.database())) {
            SoundCatalog.writeTo(catalog);
        }

        CliProcess.Run run = cli(server.clientEnvironment(), "catalog", "check", "--catalog", server.jdbcUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Catalog " + server.jdbcUrl() + ": all 8 invariants hold\n");
    }

    @Test
    void aWrongPasswordFailsInOneLineAndNoPasswordIsPrinted() throws Exception {
        TestPostgres server = postgres.server();
        String wrong = "wrong-" + UUID.randomUUID();
        Path passwordFile = Files.createFile(files.resolve("pgpass"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, "127.0.0.1:" + server.port() + ":*:" + TestPostgres.USER + ":" + wrong + "\n");
        Map<String, String> environment = Map.of("PGPASSFILE", passwordFile.toString());
        String expected = "image-lifecycle: Catalog at " + server.jdbcUrl() + " refused user 'catalog': password authentication failed; "
                + "expected that user's password (the catalog credentials, or the PostgreSQL password file for the CLI)";

        CliProcess.Run text = cli(environment, "catalog", "check", "--catalog", server.jdbcUrl());
        CliProcess.Run json = cli(environment, "catalog", "check", "--json", "--catalog", server.jdbcUrl());
        CliProcess.Run verbose = cli(environment, "catalog", "check", "--verbose", "--catalog", server.jdbcUrl());

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).isEmpty();
        assertThat(text.err()).isEqualTo(expected + "\n");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode error = Json.read(json.out());
        assertThat(error.path("error").asText()).isEqualTo(expected.substring("image-lifecycle: ".length()));
        assertThat(error.path("exitCode").asInt()).isEqualTo(1);
        assertThat(verbose.err()).startsWith(expected + "\n").contains("password authentication failed for user \"catalog\"");
        for (CliProcess.Run run : List.of(text, json, verbose)) {
            assertThat(run.out() + run.err()).doesNotContain(wrong).doesNotContain(server.password());
        }
    }

    private CliProcess.Run cli(Map<String, String> environment, String... args) throws Exception {
        return CliProcess.run(files, environment, args);
    }
}
