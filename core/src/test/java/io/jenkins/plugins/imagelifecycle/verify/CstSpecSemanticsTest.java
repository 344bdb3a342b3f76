package io.jenkins.plugins.imagelifecycle.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.docker.ContainerFile;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure-parsing points of container-structure-test's behaviour: each as CST's Go code does it. */
class CstSpecSemanticsTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void schema100ReadsTheListFormOfCommandAndRefusesWhatV1LacksNamingTheKey() throws Exception {
        TestSpec spec = SpecParser.parse(write("v1.yaml", """
                schemaVersion: '1.0.0'
                commandTests:
                - name: 'path'
                  command: ['sh', '-c', 'echo $PATH']
                  exitCode: 1
                """)).spec();
        assertThat(spec.commandTests()).singleElement().satisfies(t -> {
            assertThat(t.command()).isEqualTo("sh");
            assertThat(t.args()).containsExactly("-c", "echo $PATH");
            assertThat(t.expectedExitCode()).isEqualTo(1);
        });
        Path withArgs = write("v1-args.yaml", "schemaVersion: '1.0.0'\ncommandTests:\n- name: a\n  command: [ls]\n  args: [x]\n");
        assertThatThrownBy(() -> SpecParser.parse(withArgs)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'commandTests[0].args'");
        // a 2.0.0 file with the list form is blamed for the type, in YAML words
        Path listIn2 = write("v2-list.yaml", "schemaVersion: '2.0.0'\ncommandTests:\n- name: a\n  command: [ls]\n");
        assertThatThrownBy(() -> SpecParser.parse(listIn2)).hasMessageContaining("commandTests[0].command").hasMessageNotContaining("java.");
    }

    @Test
    void runOptionsLicenseTestsAndUnboundEnvVarsAreRead() throws Exception {
        TestSpec spec = SpecParser.parse(write("opts.yaml", """
                schemaVersion: '2.0.0'
                containerRunOptions:
                  user: root
                  privileged: true
                  allocateTty: false
                  envVars: [FOO]
                  envFile: tests/envfile
                  capabilities: [sys_admin]
                  bindMounts: ['/tmp/a:/tmp/b:ro']
                licenseTests:
                - debian: true
                  files:
                metadataTest:
                  unboundEnvVars: [{key: BAR_FOO}]
                """)).spec();
        assertThat(spec.containerRunOptions().user()).isEqualTo("root");
        assertThat(spec.containerRunOptions().capabilities()).containsExactly("sys_admin");
        assertThat(spec.licenseTests()).singleElement().satisfies(t -> assertThat(t.files()).isEmpty());
        assertThat(spec.metadataTest().unboundEnvVars()).extracting(TestSpec.KeyValue::key).containsExactly("BAR_FOO");
        assertThat(spec.testCount()).isEqualTo(2);
        assertThat(RunOptionsMapping.settings(spec.containerRunOptions()).capabilities()).containsExactly("SYS_ADMIN");
        assertThatThrownBy(() -> RunOptionsMapping.settings(new TestSpec.ContainerRunOptions(null, false, false, null, null,
                List.of("not_a_cap"), null))).hasMessageContaining("capability 'not_a_cap'");
    }

    @Test
    void envFilesAndTheRunnersEnvironmentFeedRunOptionsWithoutEmptyValues() throws Exception {
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/envfile"), "# comment\nFOO=keepitsecret!\nexport BAR='keep it'\nEMPTY=\nQ=\"a\\nb\"\n");
        var options = new TestSpec.ContainerRunOptions(null, false, false, List.of("HOME_X", "UNSET"), "tests/envfile", null, null);
        assertThat(RunOptionsMapping.environment(options, Map.of("HOME_X", "/h"), dir))
                .containsExactly("FOO=keepitsecret!", "BAR=keep it", "Q=a\nb", "HOME_X=/h");
        var missing = new TestSpec.ContainerRunOptions(null, false, false, null, "nope/envfile", null, null);
        assertThatThrownBy(() -> RunOptionsMapping.environment(missing, Map.of(), dir)).hasMessageContaining("envFile 'nope/envfile'");
    }

    @Test
    void duplicateKeysAreRefusedAsCstsStrictParserRefusesThem() throws Exception {
        Path file = write("dup.yaml", "schemaVersion: '2.0.0'\ncommandTests:\n- name: a\n  command: ls\n  name: b\n");
        assertThatThrownBy(() -> SpecParser.parse(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("dup.yaml").hasMessageContaining("key 'name' appears twice");
    }

    @Test
    void aFileThatDoesNotValidateIsOneFailingResultAndTheOthersAreStillRead() throws Exception {
        Path bad = write("bad.yaml", "schemaVersion: '2.0.0'\ncommandTests: [{name: a, command: ls, bogus: 1}]\n");
        Path good = write("good.yaml", "schemaVersion: '2.0.0'\ncommandTests: [{name: a, command: ls}]\n");
        List<SpecFile> read = SpecParser.readAll(List.of(bad, good));
        assertThat(read.get(0).valid()).isFalse();
        assertThat(read.get(0).problem()).contains("bad.yaml").contains("bogus");
        assertThat(read.get(0).testCount()).isEqualTo(1);
        assertThat(read.get(1).valid()).isTrue();
        assertThat(SpecParser.requireTests(List.of(read.get(0)))).hasSize(1);
    }

    @Test
    void variablesExpandAsGoOsExpand() {
        Map<String, String> env = Map.of("HOME", "/root", "A_1", "x", "1", "one");
        assertThat(GoExpand.expand("$HOME/bin:${HOME}", env)).isEqualTo("/root/bin:/root");
        assertThat(GoExpand.expand("$UNKNOWN|${UNKNOWN}|end", env)).isEqualTo("||end");
        assertThat(GoExpand.expand("$A_1-$1x", env)).isEqualTo("x-onex");
        assertThat(GoExpand.expand("cost: 5$ and $ alone and $", env)).isEqualTo("cost: 5$ and $ alone and $");
        assertThat(GoExpand.expand("a${}b${HOME", env)).isEqualTo("abHOME");
        assertThat(GoExpand.expand("no variables", env)).isEqualTo("no variables");
    }

    @Test
    void patternsFollowRe2Semantics() {
        // $ is the end of the text only, not before a final line break
        assertThat(GoRegex.compile("done$").matcher("done\n").find()).isFalse();
        assertThat(GoRegex.compile("done$").matcher("done").find()).isTrue();
        assertThat(GoRegex.compile("(?m)^done$").matcher("a\ndone\nb").find()).isTrue();
        // . matches \r (only \n ends a line)
        assertThat(GoRegex.compile("a.b").matcher("a\rb").find()).isTrue();
        assertThat(GoRegex.compile("a.b").matcher("a\nb").find()).isFalse();
        // POSIX classes, negated ones too; [ and && are literal inside a class
        assertThat(GoRegex.compile("^[[:^alpha:]]+$").matcher("123-").find()).isTrue();
        assertThat(GoRegex.compile("^[[:^alpha:]]+$").matcher("12a").find()).isFalse();
        assertThat(GoRegex.compile("^[a[]+$").matcher("a[a").find()).isTrue();
        assertThat(GoRegex.compile("^[a&&b]+$").matcher("a&b").find()).isTrue();
        assertThat(GoRegex.compile("\\v").matcher("\n").find()).isFalse();
        // what RE2 refuses is refused with RE2's reason
        for (String[] refused : new String[][] {{"a(?=b)", "look-ahead"}, {"(?<!a)b", "look-ahead or look-behind"},
                {"end\\Z", "\\Z"}, {"(a)\\1", "back-references"}, {"a*+", "possessive"}, {"(?>a)", "atomic"},
                {"(?x)a", "flags are i, m, s and U"}, {"(?U)a+", "ungreedy"}, {"[[:nope:]]", "invalid character class"},
                {"(unclosed", "missing closing )"}, {"\\h", "invalid escape sequence"}}) {
            assertThatThrownBy(() -> GoRegex.compile(refused[0])).as(refused[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(refused[1]).hasMessageNotContaining("java.").hasMessageNotContaining("near index");
        }
    }

    @Test
    void permissionsAreWrittenAsGoFileModeStrings() {
        assertThat(Permissions.of(entry(ContainerFile.Kind.DIRECTORY, 01777))).isEqualTo("dtrwxrwxrwx");
        assertThat(Permissions.of(entry(ContainerFile.Kind.FILE, 04755))).isEqualTo("urwxr-xr-x");
        assertThat(Permissions.of(entry(ContainerFile.Kind.FILE, 02755))).isEqualTo("grwxr-xr-x");
        assertThat(Permissions.of(entry(ContainerFile.Kind.SYMLINK, 0777))).isEqualTo("Lrwxrwxrwx");
        assertThat(Permissions.of(entry(ContainerFile.Kind.CHAR_DEVICE, 0666))).isEqualTo("Dcrw-rw-rw-");
        assertThat(Permissions.of(entry(ContainerFile.Kind.FILE, 0644))).isEqualTo("-rw-r--r--");
        assertThat(Permissions.isGoFileMode("urwxr-xr-x")).isTrue();
        assertThat(Permissions.isGoFileMode("-rwsr-xr-x")).isFalse();
    }

    private static ContainerFile entry(ContainerFile.Kind kind, int mode) {
        return new ContainerFile("/x", mode, 0, 0, kind, null, new byte[0]);
    }
}
