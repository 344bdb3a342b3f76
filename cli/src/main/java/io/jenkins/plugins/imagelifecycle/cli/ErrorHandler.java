package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and an exit code: 2 for bad input (including bad
 * command-line usage), 1 for everything else. The stack trace shows only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--verbose");
        commandLine.getErr().println("image-lifecycle: " + message(e));
        if (verbose) {
            e.printStackTrace(commandLine.getErr());
        }
        return e instanceof BadInputException ? BAD_INPUT : FAILED;
    }

    private static String message(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Usage errors (unknown option, missing value) are bad input too. */
    static final class Usage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("image-lifecycle: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return BAD_INPUT;
        }
    }
}
