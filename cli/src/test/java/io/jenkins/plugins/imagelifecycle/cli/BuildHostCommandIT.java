package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build-host} (issue 19: a CLI test for every command) with real Packer and its file builder: the template's
 * variable reaches the artifact, the host image is recorded with its artifact and provenance, and a sensitive variable
 * is in neither the output, the log nor the catalog.
 */
@Tag("integration")
class BuildHostCommandIT {
    private static final String TEMPLATE = """
            variable "greeting" {
              type = string
            }
            variable "token" {
              type      = string
              sensitive = true
            }
            source "file" "motd" {
              content = "${var.greeting}\\n"
              target  = "motd.txt"
            }
            build {
              sources = ["source.file.motd"]
            }
            """;

    @TempDir
    Path workspace;
    @TempDir
    Path catalog;

    @Test
    void recordsTheHostImageOfTheArtifactPackerMadeAndKeepsTheSensitiveVariableOutOfEverything() throws Exception {
        Workspaces.write(workspace, "packer/motd.pkr.hcl", TEMPLATE);
        String secret = "host-secret-" + UUID.randomUUID();
        CliRun built = CliRun.onCatalog(catalog, "build-host", "--json", "--workspace", workspace.toString(),
                "--template", "packer/motd.pkr.hcl", "--var", "greeting=hello from the cli", "--sensitive-var", "token=" + secret,
                "--name", "hosts/motd-cli");

        assertThat(built.exitCode()).as(built.err()).isZero();
        byte[] artifact = Files.readAllBytes(workspace.resolve("packer/motd.txt"));
        assertThat(new String(artifact, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello from the cli\n");
        JsonNode image = Json.read(built.out()).path("images").get(0);
        String digest = Digest.sha256(artifact).toString();
        assertThat(Json.read(built.out()).path("images")).hasSize(1);
        assertThat(image.path("digest").asText()).as("a file artifact is known by its sha256").isEqualTo(digest);
        assertThat(image.path("role").asText()).isEqualTo(Role.HOST.id());
        assertThat(image.path("stage").asText()).isEqualTo("built");
        assertThat(image.path("repository").asText()).isEqualTo("hosts/motd-cli");
        assertThat(built.out() + built.err()).doesNotContain(secret);
        try (Catalog c = Catalog.open(catalog.toString())) {
            assertThat(c.hostDetails(digest)).get().satisfies(d -> assertThat(d.files()).containsExactly("motd.txt"));
            assertThat(c.require(digest).provenance()).contains("motd.pkr.hcl").doesNotContain(secret);
            assertThat(c.history(digest)).first().satisfies(e -> assertThat(e.action()).isEqualTo("build-host"));
            assertThat(c.history(digest)).allSatisfy(e -> assertThat(e.reason() + e.details()).doesNotContain(secret));
        }
        CliRun status = CliRun.onCatalog(catalog, "status", "--json");
        assertThat(Json.read(status.out()).path("images")).singleElement()
                .satisfies(i -> assertThat(i.path("digest").asText()).isEqualTo(digest));
    }
}
