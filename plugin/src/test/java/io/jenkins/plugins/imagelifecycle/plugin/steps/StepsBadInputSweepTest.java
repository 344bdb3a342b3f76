package io.jenkins.plugins.imagelifecycle.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.AbortException;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestRun;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestStepContext;
import io.jenkins.plugins.imagelifecycle.testing.CatalogRows;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad step arguments (issue 19's sweep, beside the command line's BadInputSweepTest): each fails the build with an
 * {@link AbortException} of one line that names the bad value, before anything runs, and leaves the catalog the same
 * row for row and the run without an operation. The list and the line each gets are in docs/reliability.md.
 */
class StepsBadInputSweepTest {
    private static final Duration LIMIT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private Path home;
    private Path workspace;
    private StandInJenkins jenkins;
    private TestRun run;
    private String blessed;

    @BeforeEach
    void seed() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        workspace = Files.createDirectories(dir.resolve("workspace"));
        jenkins = StandInJenkins.start(home);
        // retireImage's permission check passes for this SYSTEM build, so that the bad argument is what refuses it
        ImageLifecycleConfiguration.get().setSystemBuildsMayPromoteAndRetire(true);
        run = new TestRun(new TestJob("team/sweep"), 1, Files.createDirectories(dir.resolve("run")).toFile(), "alice");
        blessed = new SyntheticImages(ControllerCatalog.get(), StepsBadInputProbes.HOST).blessed("blessed/sweep:1",
                StepsBadInputProbes.HOST + "/upstream/base:1", "sha256:" + "b".repeat(64), Instant.now()).digest();
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/ok.yaml", "schemaVersion: 2.0.0\nfileExistenceTests:\n  - name: sh\n    path: /bin/sh\n");
        try (var template = getClass().getResourceAsStream("/packer/file.pkr.hcl")) {
            Files.createDirectories(workspace.resolve("packer"));
            Files.write(workspace.resolve("packer/file.pkr.hcl"), template.readAllBytes());
        }
    }

    @AfterEach
    void stop() {
        jenkins.close();
    }

    @Test
    void everyBadStepArgumentFailsTheBuildInOneLineNamingItAndChangesNothing() throws Exception {
        List<StepsBadInputProbes.Probe> probes = new StepsBadInputProbes(blessed).all();
        String before = CatalogRows.checksum(ControllerCatalog.get());
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder("| step | the one line |\n|---|---|\n");
        for (StepsBadInputProbes.Probe probe : probes) {
            TestStepContext context = new TestStepContext(run, workspace, System.getenv());
            Throwable failure = failureOf(context, probe.step());
            String message = failure == null ? null : failure.getMessage();
            boolean oneLine = message != null && !message.isBlank() && message.lines().count() == 1;
            if (!(failure instanceof AbortException) || !oneLine || !message.contains(probe.names()) || context.log().contains("\tat ")) {
                wrong.add(probe.shown() + " -> " + (failure == null ? "no failure" : failure.getClass().getName() + ": " + message));
            }
            table.append("| `").append(probe.shown()).append("` | ")
                    .append(message == null ? "(no failure)" : shown(message).replace("|", "\\|")).append(" |\n");
        }
        // the list docs/reliability.md shows, as this run got it
        Files.writeString(Path.of("target", "steps-bad-input-sweep.md"), table);
        assertThat(wrong).isEmpty();
        assertThat(CatalogRows.checksum(ControllerCatalog.get())).isEqualTo(before);
        assertThat(run.getAction(ImageLifecycleRunAction.class)).as("no operation on the run's page").isNull();
        assertThat(probes).extracting(StepsBadInputProbes.Probe::shown).doesNotHaveDuplicates();
    }

    /** The test's own folders shown as {@code …}, as docs/reliability.md lists them. */
    private String shown(String message) {
        return message.replace(dir.toString(), "…");
    }

    private static Throwable failureOf(TestStepContext context, Step step) {
        try {
            context.run(step, LIMIT);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
