package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fit to run from the command line, on real blesses: promote verifies in the environment, {@code check} answers
 * with its exit codes (0 fit, 4 not fit, 2 bad input), soak refuses, {@code rollback} goes back, {@code history
 * --env} shows it, {@code reverify} runs again.
 */
@Tag("integration")
class FitToRunCommandsIT {
    @TempDir
    Path workspace;
    @TempDir
    Path catalog;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    private CliRun run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--catalog";
        all[args.length + 1] = catalog.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = workspace.resolve("config.yaml").toString();
        return CliRun.of(all);
    }

    private String bless(String mark) {
        ImageRef base = RealDocker.busyboxBase("upstream/fit-cli-" + unique + ":" + mark, "fit-" + mark + unique);
        CliRun blessed = run("bless", "--json", "--workspace", workspace.toString(), "--base", base.withoutDigest().toString(),
                "--dockerfile", "blessed/Dockerfile", "--context", "blessed", "--tests", "tests/ok.yaml",
                "--target", RealDocker.registry().host() + "/blessed/fit-" + unique + ":" + mark);
        assertThat(blessed.exitCode()).as(blessed.err()).isZero();
        return Json.read(blessed.out()).path("digest").asText();
    }

    @Test
    void promoteVerifiesCheckAnswersWithExitCodesRollbackGoesBackAndHistoryShowsIt() throws Exception {
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/ok.yaml", "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: hooks\n"
                + "    path: /etc/image-hooks/marker\n");
        Files.writeString(workspace.resolve("config.yaml"), "environments:\n"
                + "  - name: dev\n    verify:\n      tests: [" + workspace.resolve("tests/ok.yaml") + "]\n"
                + "      command: [sh, -c, 'test -n \"$IMAGE\"']\n      timeout: 1m\n"
                + "  - name: qa\n    soak: 1h\n");
        String first = bless("1");
        CliRun promoted = run("promote", "--image", first, "--to", "dev");
        assertThat(promoted.exitCode()).as(promoted.err()).isZero();
        assertThat(promoted.out()).contains("verified: 2 passed, 0 failed");

        CliRun fit = run("check", "--image", first, "--env", "dev");
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        assertThat(fit.out()).startsWith("FIT ");
        CliRun notThere = run("check", "--json", "--image", first, "--env", "qa");
        assertThat(notThere.exitCode()).isEqualTo(CheckCommand.NOT_FIT);
        assertThat(Json.read(notThere.out()).path("reasons").get(0).path("code").asText()).isEqualTo("not-promoted");
        CliRun nowhere = run("check", "--image", first, "--env", "nowhere");
        assertThat(nowhere.exitCode()).isEqualTo(2);
        assertThat(nowhere.err()).contains("Environment 'nowhere' is not configured");

        CliRun soaking = run("promote", "--image", first, "--to", "qa");
        assertThat(soaking.exitCode()).isEqualTo(1);
        assertThat(soaking.err()).contains("qa needs a soak of 1h there: eligible at");

        String second = bless("2");
        assertThat(run("promote", "--image", second, "--to", "dev").exitCode()).isZero();
        assertThat(run("check", "--image", first, "--env", "dev").out()).contains("superseded: ");
        CliRun back = run("rollback", "--env", "dev");
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).contains("rolled back dev to").contains(first).contains("before: " + second);

        CliRun history = CliRun.of("history", "--json", "--env", "dev", "--catalog", catalog.toString());
        assertThat(history.exitCode()).as(history.err()).isZero();
        var stints = Json.read(history.out());
        assertThat(stints).hasSize(3);
        assertThat(stints.get(1).path("left").asText()).isEqualTo("rolled back");
        assertThat(stints.get(2).path("kind").asText()).isEqualTo("rollback");
        assertThat(stints.get(2).path("verification").asText()).isEqualTo("verified");
        assertThat(CliRun.of("history", "--env", "dev", "--catalog", catalog.toString()).out()).contains("stands there now");

        CliRun again = run("reverify", "--env", "dev");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("verified in dev");
        CliRun badSoak = CliRun.of("check", "--image", first, "--env", "dev", "--catalog", catalog.toString(), "--config",
                Files.writeString(workspace.resolve("bad.yaml"), "environments:\n  - name: dev\n    soak: soon\n").toString());
        assertThat(badSoak.exitCode()).isEqualTo(2);
        assertThat(badSoak.err()).contains("soak 'soon' is not a duration");
    }
}
