package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line tells of an image's contents, on images pushed to the real registry: the SBOM
 * that travels with the image, and release notes between two augments of one application built from two
 * commits of a real Git repository.
 */
@Tag("integration")
class ImageContentsCommandsIT {
    private static ImageRef base;

    @TempDir
    Path workspace;
    @TempDir
    Path catalog;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void upstream() {
        base = RealDocker.busyboxBase("upstream/busybox-notes:1", "notes");
    }

    @Test
    void notesNameTheCommitsAndTheFilesBetweenTwoVersionsOfAFamily() throws Exception {
        Workspaces.standard(workspace);
        String app = RealDocker.registry().host() + "/apps/notes-" + unique;
        String first;
        String second;
        try (Git git = Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
            commit(git, "The first version");
            String blessed = digest(run("bless", "--json", "--base", base.withoutDigest().toString(), "--dockerfile", "blessed/Dockerfile",
                    "--context", "blessed", "--target", RealDocker.registry().host() + "/blessed/notes-" + unique + ":1"));
            first = digest(run("augment", "--json", "--from", blessed, "--dockerfile", "app/Dockerfile", "--context", "app",
                    "--target", app + ":1", "--build-arg", "APP_VERSION=1", "--source", "."));
            Workspaces.write(workspace, "app/app.sh", "#!/bin/sh\necho 'hello, and a longer greeting'\n");
            commit(git, "Greet at length");
            second = digest(run("augment", "--json", "--from", blessed, "--dockerfile", "app/Dockerfile", "--context", "app",
                    "--target", app + ":2", "--build-arg", "APP_VERSION=2", "--source", "."));
        }

        JsonNode notes = Json.read(run("release-notes", "--json", "--image", second, "--source", workspace.toString()).out());

        assertThat(notes.path("since").path("digest").asText()).as("the previous image of the family").isEqualTo(first);
        assertThat(notes.path("image").path("digest").asText()).isEqualTo(second);
        assertThat(notes.path("base").path("changed").asBoolean()).isFalse();
        assertThat(notes.path("source").path("commits")).hasSize(1);
        assertThat(notes.path("source").path("commits").get(0).path("subject").asText()).isEqualTo("Greet at length");
        assertThat(notes.path("files").path("changed").asInt()).isEqualTo(2);
        assertThat(notes.path("files").path("largest")).extracting(f -> f.path("path").asText())
                .containsExactlyInAnyOrder("app/app.sh", "app/VERSION");

        String markdown = run("release-notes", "--image", app + ":2", "--source", workspace.toString()).out();
        assertThat(markdown).startsWith("# Release notes: `" + app + ":2`").contains("Greet at length").contains("changed `/app/app.sh`");

        // elsewhere than the repository, only the two commit ids are known
        String away = run("release-notes", "--image", second, "--source", catalog.toString()).out();
        assertThat(away).contains("(the repository holding both was not at hand)");

        CliRun firstOfFamily = CliRun.of("release-notes", "--catalog", catalog.toString(), "--image", first);
        assertThat(firstOfFamily.exitCode()).isEqualTo(2);
        assertThat(firstOfFamily.err().strip()).doesNotContain("\n").contains("is the first image of").contains("--since");
        CliRun itself = CliRun.of("release-notes", "--catalog", catalog.toString(), "--image", second, "--since", second);
        assertThat(itself.exitCode()).isEqualTo(2);
        assertThat(itself.err()).contains("the image itself");
    }

    @Test
    void theSbomTravelsWithTheImageOnPromotionAndPrintsInBothFormats() {
        Workspaces.standard(workspace);
        String blessed = digest(run("bless", "--json", "--base", base.withoutDigest().toString(), "--dockerfile", "blessed/Dockerfile",
                "--context", "blessed", "--target", RealDocker.registry().host() + "/blessed/sbom-" + unique + ":1"));

        JsonNode cyclonedx = Json.read(run("sbom", "--image", blessed).out());
        assertThat(cyclonedx.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(cyclonedx.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(cyclonedx.at("/metadata/component/version").asText()).isEqualTo(blessed);
        JsonNode spdx = Json.read(run("sbom", "--image", blessed, "--format", "spdx").out());
        assertThat(spdx.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");

        CliRun unknown = CliRun.of("sbom", "--catalog", catalog.toString(), "--image", blessed, "--format", "xml");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("image-lifecycle: Unknown SBOM format 'xml': expected cyclonedx or spdx");

        String promoted = Json.read(run("promote", "--json", "--image", blessed, "--to", "dev", "--waive-tests", "the SBOM test runs none")
                .out()).path("ref").asText();
        JsonNode copied = Json.read(run("attestations", "--json", "--image", promoted).out());
        assertThat(copied.path("attestations")).extracting(a -> a.path("predicateType").asText()).contains("https://cyclonedx.org/bom");
    }

    /** Runs a command on this test's catalog (bless and augment on its workspace), asserting it succeeds. */
    private CliRun run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--catalog", catalog.toString()));
        if (command.equals("bless") || command.equals("augment")) {
            all.addAll(List.of("--workspace", workspace.toString()));
        }
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(String.join(" ", all) + "\n" + run.err()).isZero();
        return run;
    }

    private static String digest(CliRun run) {
        return Json.read(run.out()).path("digest").asText();
    }

    private void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor("Factory Test", "test@example.invalid")
                .setCommitter("Factory Test", "test@example.invalid").setSign(false).call();
    }
}
