package io.jenkins.plugins.imagelifecycle.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private void refused(String yaml, String... expected) throws Exception {
        Path file = write(yaml);
        var thrown = assertThatThrownBy(() -> SpecParser.parse(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("spec.yaml");
        for (String e : expected) {
            thrown.hasMessageContaining(e);
        }
    }

    @Test
    void aRunWithNoTestIsRefusedAsContainerStructureTestRefusesIt() throws Exception {
        assertThatThrownBy(() -> SpecParser.requireTests(java.util.List.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("No test spec given");
        for (String yaml : new String[] {"schemaVersion: 2.0.0\nmetadataTest: {}\n",
                "schemaVersion: 2.0.0\nmetadataTest:\n  workdir: ''\n  user: ''\n", "schemaVersion: 2.0.0\ncommandTests: []\n"}) {
            Path file = write(yaml);
            assertThatThrownBy(() -> SpecParser.parse(file)).as(yaml)
                    .isInstanceOf(BadInputException.class).hasMessageContaining("spec.yaml holds no tests");
        }
        SpecFile metadata = SpecParser.parse(write("schemaVersion: 2.0.0\nmetadataTest:\n  cmd: []\n"));
        assertThat(metadata.spec().testCount()).isEqualTo(1);
        assertThat(SpecParser.requireTests(java.util.List.of(metadata))).hasSize(1);
        assertThat(SpecParser.parseBuildTests(java.util.List.of())).isEmpty();
    }

    @Test
    void aReportWithNoResultNeverPasses() {
        java.time.Instant now = java.time.Instant.now();
        TestReport empty = new TestReport("img", java.util.List.of(), java.util.List.of(), now, now);
        assertThat(empty.passed()).isFalse();
        TestReport one = new TestReport("img", java.util.List.of(), java.util.List.of(TestResult.pass("t", "command", 1)), now, now);
        assertThat(one.passed()).isTrue();
    }

    @Test
    void aWrongTypeIsNamedInYamlWordsNotJavaTypes() throws Exception {
        Path file = write("schemaVersion: 2.0.0\ncommandTests: {name: x}\n");
        assertThatThrownBy(() -> SpecParser.parse(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'commandTests' has the wrong type; expected a list").hasMessageNotContaining("java.");
    }

    @Test
    void readsEveryTestKindOfAContainerStructureTestFile() throws Exception {
        SpecFile spec = SpecParser.parse(write("""
                schemaVersion: '2.0.0'
                globalEnvVars:
                  - key: GREETING
                    value: hello
                commandTests:
                  - name: echo
                    setup: [["touch", "/tmp/x"]]
                    command: echo
                    args: ["hi"]
                    envVars: [{key: A, value: b}]
                    expectedOutput: ["h(?P<rest>i)"]
                    excludedOutput: ["bye"]
                    expectedError: []
                    excludedError: ["panic"]
                    exitCode: 0
                fileExistenceTests:
                  - name: busybox
                    path: /bin/busybox
                    shouldExist: true
                    permissions: '-rwxr-xr-x'
                    uid: 0
                    gid: 0
                    isExecutableBy: any
                fileContentTests:
                  - name: release
                    path: /etc/upstream-release
                    expectedContents: ['[[:alpha:]]+ base']
                    excludedContents: ['debian']
                metadataTest:
                  envVars: [{key: PATH, value: '/bin', isRegex: true}]
                  labels: [{key: 'org.opencontainers.image.title', value: 'app'}]
                  exposedPorts: ['8080']
                  unexposedPorts: ['22']
                  volumes: ['/data']
                  entrypoint: []
                  cmd: ['/bin/sh']
                  workdir: '/app'
                  user: 'app'
                """));
        TestSpec s = spec.spec();
        assertThat(spec.sha256()).hasSize(64);
        assertThat(s.commandTests()).singleElement().satisfies(t -> {
            assertThat(t.args()).containsExactly("hi");
            assertThat(t.setup()).containsExactly(java.util.List.of("touch", "/tmp/x"));
            assertThat(t.expectedExitCode()).isZero();
        });
        assertThat(s.fileExistenceTests().get(0).isExecutableBy()).isEqualTo("any");
        assertThat(s.metadataTest().entrypoint()).isEmpty();
        assertThat(s.metadataTest().cmd()).containsExactly("/bin/sh");
        assertThat(s.globalEnvVars().get(0).key()).isEqualTo("GREETING");
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() throws Exception {
        refused("schemaVersion: '2.0.0'\ncommandTests:\n  - name: a\n    command: ls\n   bad: indent\n", "line 5", "not valid YAML");
    }

    @Test
    void wrongSchemaVersionIsNamed() throws Exception {
        refused("schemaVersion: '3.0.0'\ncommandTests: [{name: a, command: ls}]\n", "schemaVersion '3.0.0'",
                "the schema versions read are 1.0.0 and 2.0.0");
        refused("commandTests: [{name: a, command: ls}]\n", "schemaVersion missing", "1.0.0 and 2.0.0");
    }

    @Test
    void unknownTestKindAndUnknownKeysAreNamedWithTheirLine() throws Exception {
        refused("schemaVersion: '2.0.0'\nfooTests:\n  - name: a\n", "line 2", "'fooTests'", "commandTests");
        refused("schemaVersion: '2.0.0'\ncommandTests:\n  - name: a\n    command: ls\n    expectOutput: [x]\n",
                "line 5", "'commandTests[0].expectOutput'");
    }

    @Test
    void invalidPatternsAreNamedWithTheirTest() throws Exception {
        refused("schemaVersion: '2.0.0'\ncommandTests:\n  - name: broken\n    command: ls\n    expectedOutput: ['(unclosed']\n",
                "commandTests[0] 'broken'", "'(unclosed'", "not a valid regular expression");
        refused("schemaVersion: '2.0.0'\nfileContentTests:\n  - name: c\n    path: /x\n    excludedContents: ['(?U)a+']\n",
                "fileContentTests[0] 'c'", "ungreedy");
    }

    @Test
    void missingRequiredFieldsAreNamed() throws Exception {
        refused("schemaVersion: '2.0.0'\ncommandTests:\n  - name: nocommand\n", "commandTests[0] 'nocommand'", "'command' is missing");
        refused("schemaVersion: '2.0.0'\nfileExistenceTests:\n  - path: /x\n", "fileExistenceTests[0]", "'name' is missing");
        refused("schemaVersion: '2.0.0'\n", "holds no tests");
    }

    @Test
    void goPatternsTranslateToJava() {
        assertThat(GoRegex.compile("(?P<word>[[:alpha:]]+)").matcher("abc1").find()).isTrue();
        assertThat(GoRegex.compile("^v[[:digit:]]+$").matcher("v12").find()).isTrue();
        assertThat(GoRegex.compile("(?i)hello").matcher("HeLLo").find()).isTrue();
    }
}
