package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command and subcommand the command line has, found from its own command tree (so a command added later is
 * covered without touching this test), answers {@code --help} with exit 0 and a usage that names it, its description,
 * and each of its options with a description.
 */
class EveryCommandHelpTest {
    @Test
    void everyCommandAnswersHelpWithItsUsageAndDescribesEveryOption() {
        List<List<String>> paths = new ArrayList<>();
        collect(ImageLifecycleCli.newCommandLine(), new ArrayList<>(), paths);
        assertThat(paths).as("the command tree").hasSizeGreaterThan(25);

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String name = String.join(" ", path);
            assertThat(run.exitCode()).as(name + " --help exit code; err: " + run.err()).isZero();
            assertThat(run.out()).as(name + " --help").contains("Usage:").contains(path.get(path.size() - 1));
            CommandLine.Model.CommandSpec spec = find(ImageLifecycleCli.newCommandLine(), path).getCommandSpec();
            assertThat(spec.usageMessage().description()).as(name + " has a description").isNotEmpty();
            for (CommandLine.Model.OptionSpec option : spec.options()) {
                assertThat(option.description()).as(name + " " + option.longestName() + " has a description").isNotEmpty();
                assertThat(run.out()).as(name + " --help lists " + option.longestName()).contains(option.longestName());
            }
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
        for (var sub : command.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().name().equals("help")
                    || !sub.getKey().equals(sub.getValue().getCommandSpec().name())) {
                continue; // picocli's own help command, and aliases
            }
            List<String> here = new ArrayList<>(path);
            here.add(sub.getKey());
            out.add(here);
            collect(sub.getValue(), here, out);
        }
    }

    private static CommandLine find(CommandLine root, List<String> path) {
        CommandLine at = root;
        for (String name : path) {
            at = at.getSubcommands().get(name);
        }
        return at;
    }
}
