package io.jenkins.plugins.imagelifecycle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Refuses an option given with an empty or blank value ({@code --catalog ""}, {@code --base " "}), naming
 * the option, before the command runs: otherwise a blank path means the current folder or the home
 * folder's default, and a blank reference fails later with a message that names neither.
 */
final class EmptyOptions {
    private EmptyOptions() {
    }

    static void refuse(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult result = parseResult; result != null; result = result.subcommand()) {
            for (OptionSpec option : result.matchedOptions()) {
                if (option.arity().max() == 0) {
                    continue;
                }
                for (String value : option.originalStringValues()) {
                    if (value.isBlank()) {
                        throw new CommandLine.ParameterException(result.commandSpec().commandLine(),
                                option.longestName() + " '" + value + "' is empty; expected " + option.paramLabel());
                    }
                }
            }
        }
    }
}
