package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A run builds only the command it names; anything else gets the whole tree, as --help and an unknown name need it. */
class CommandTreeTest {
    @Test
    void aRunNamingACommandBuildsThatCommandAlone() {
        assertThat(ImageLifecycleCli.newCommandLine("status", "--json").getSubcommands()).containsOnlyKeys("status");
    }

    @Test
    void helpAndAMistypedNameGetEveryCommand() {
        assertThat(ImageLifecycleCli.newCommandLine("--help").getSubcommands()).hasSize(ImageLifecycleCli.COMMANDS.size() + 1)
                .containsKeys("bless", "promote", "retire", "help");
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("promote", "build-host", "catalog");
        CliRun mistyped = CliRun.of("stauts");
        assertThat(mistyped.exitCode()).isEqualTo(2);
        assertThat(mistyped.err()).contains("'stauts'").hasLineCount(1);
    }

    @Test
    void helpForOneCommandStillWorks() {
        CliRun help = CliRun.of("help", "promote");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--to");
    }
}
