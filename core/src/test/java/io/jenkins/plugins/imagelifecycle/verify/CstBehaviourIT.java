package io.jenkins.plugins.imagelifecycle.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.RootFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each point where the runner must give container-structure-test's result, against a real image on the real engine. */
@Tag("integration")
class CstBehaviourIT {
    private static String image;

    @TempDir
    Path dir;

    @BeforeAll
    static void image() {
        image = RealDocker.importAndPush(RootFs.busybox("cst-behaviour")
                .dir("etc/app").file("etc/app/real.conf", "answer=42\n", 0644)
                .symlink("etc/app/relative.conf", "real.conf").symlink("etc/absolute.conf", "/etc/app/real.conf")
                .file("bin/suid-tool", "#!/bin/sh\n", 04755)
                .config(String.join("\n", "ENV APP_HOME=/etc/app", "EXPOSE 8080/tcp", "EXPOSE 53/udp", "WORKDIR /tmp", "USER root")),
                ImageRef.parse(RealDocker.registry().host() + "/verify/cst-behaviour:1"), null).toString();
    }

    private Map<String, TestResult> run(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("spec-" + System.nanoTime() + ".yaml"), yaml);
        TestReport report = new ImageTestRunner(new DockerContainers(RealDocker.engine()), 4, Duration.ofSeconds(60))
                .run(image, SpecParser.readAll(List.of(file)), RealDocker.quiet());
        return report.results().stream().collect(Collectors.toMap(TestResult::name, Function.identity()));
    }

    @Test
    void variablesInCommandArgsAndPathAreExpandedFromTheImageAndGlobalEnvVars() throws Exception {
        var r = run("""
                schemaVersion: '2.0.0'
                globalEnvVars: [{key: CONF, value: '${APP_HOME}/real.conf'}]
                commandTests:
                  - name: expanded
                    command: echo
                    args: ['$APP_HOME', '${CONF}', 'x${UNKNOWN}y']
                    expectedOutput: ['^/etc/app /etc/app/real.conf xy\\n']
                fileExistenceTests:
                  - name: path
                    path: '$APP_HOME/real.conf'
                """);
        assertThat(r.get("Command Test: expanded").passed()).as(r.get("Command Test: expanded").message()).isTrue();
        assertThat(r.get("File Existence Test: path").passed()).as(r.get("File Existence Test: path").message()).isTrue();
    }

    @Test
    void contentTestsFollowRelativeAndAbsoluteLinksAndPermissionsAreGoFileModes() throws Exception {
        var r = run("""
                schemaVersion: '2.0.0'
                fileContentTests:
                  - {name: relative, path: /etc/app/relative.conf, expectedContents: ['answer=42']}
                  - {name: absolute, path: /etc/absolute.conf, expectedContents: ['answer=42']}
                fileExistenceTests:
                  - {name: sticky, path: /tmp, permissions: 'dtrwxrwxrwx'}
                  - {name: setuid, path: /bin/suid-tool, permissions: 'urwxr-xr-x'}
                  - {name: link, path: /etc/absolute.conf, permissions: 'Lrwxrwxrwx'}
                  - {name: ls form, path: /bin/suid-tool, permissions: '-rwsr-xr-x'}
                """);
        for (String passing : List.of("File Content Test: relative", "File Content Test: absolute", "File Existence Test: sticky",
                "File Existence Test: setuid", "File Existence Test: link")) {
            assertThat(r.get(passing).passed()).as(passing + ": " + r.get(passing).message()).isTrue();
        }
        assertThat(r.get("File Existence Test: ls form").message()).contains("urwxr-xr-x, expected -rwsr-xr-x").contains("Go FileMode");
    }

    @Test
    void aSetupCommandsExitStatusIsIgnored() throws Exception {
        var r = run("""
                schemaVersion: '2.0.0'
                commandTests:
                  - name: setup fails
                    setup: [["sh", "-c", "touch /tmp/made; exit 7"]]
                    command: ls
                    args: [/tmp/made]
                """);
        assertThat(r.get("Command Test: setup fails").passed()).as(r.get("Command Test: setup fails").message()).isTrue();
    }

    @Test
    void portsCompareAsBareNumbersAndEmptyWorkdirAndUserAreNotChecked() throws Exception {
        var passing = run("schemaVersion: '2.0.0'\n"
                + "metadataTest: {exposedPorts: ['8080', '53'], unexposedPorts: ['22'], workdir: '', user: ''}\n");
        assertThat(passing.get("Metadata Test").passed()).as(passing.get("Metadata Test").message()).isTrue();
        var failing = run("schemaVersion: '2.0.0'\nmetadataTest:\n  exposedPorts: ['8080/tcp']\n  unexposedPorts: ['53']\n");
        assertThat(failing.get("Metadata Test").message()).contains("port 8080/tcp is not exposed").contains("port 53 is exposed");
    }

    @Test
    void anEmptyEnvVarsValueAndAnInvalidIsExecutableByFailThatTestOnly() throws Exception {
        var r = run("""
                schemaVersion: '2.0.0'
                commandTests:
                  - {name: empty value, command: "true", envVars: [{key: A, value: ''}]}
                  - {name: fine, command: "true"}
                fileExistenceTests:
                  - {name: bad who, path: /bin/busybox, isExecutableBy: everyone}
                """);
        assertThat(r.get("empty value").message()).contains("envVars entry 'A' has an empty value");
        assertThat(r.get("Command Test: fine").passed()).isTrue();
        assertThat(r.get("File Existence Test: bad who").message()).contains("isExecutableBy 'everyone' is not one of");
    }

    @Test
    void aFileThatDoesNotValidateIsOneFailingResultBesideTheOthers() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "schemaVersion: '2.0.0'\ncommandTests: [{name: a, command: ls, name: b}]\n");
        Path good = Files.writeString(dir.resolve("good.yaml"), "schemaVersion: '2.0.0'\ncommandTests: [{name: ok, command: 'true'}]\n");
        TestReport report = new ImageTestRunner(new DockerContainers(RealDocker.engine()), 4, Duration.ofSeconds(60))
                .run(image, SpecParser.readAll(List.of(bad, good)), RealDocker.quiet());
        assertThat(report.passed()).isFalse();
        assertThat(report.results()).extracting(TestResult::name, TestResult::passed)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("bad.yaml", false),
                        org.assertj.core.groups.Tuple.tuple("Command Test: ok", true));
    }
}
