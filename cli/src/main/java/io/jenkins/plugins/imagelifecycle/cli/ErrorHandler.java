package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import picocli.CommandLine;

/**
 * Turns failures into one line on standard error and an exit code: 2 for bad input (including bad
 * command-line usage, and an image or environment the catalog or configuration does not know), 1 for
 * everything else. The stack trace shows only with {@code --verbose}; with {@code --json} the error is
 * also the one JSON object on standard output.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult sub = ran(parseResult);
        boolean verbose = sub.hasMatchedOption("--verbose");
        int code = exitCode(e);
        String message = message(e);
        commandLine.getErr().println("image-lifecycle: " + message);
        if (verbose) {
            e.printStackTrace(commandLine.getErr());
        }
        if (sub.hasMatchedOption("--json")) {
            commandLine.getOut().println(Json.write(Json.object().put("error", message).put("exitCode", code)));
        }
        return code;
    }

    /** The command that ran, whose options {@code --json} and {@code --verbose} are: {@code catalog check}'s, not {@code catalog}'s. */
    private static CommandLine.ParseResult ran(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult innermost = parseResult;
        while (innermost.subcommand() != null) {
            innermost = innermost.subcommand();
        }
        return innermost;
    }

    static int exitCode(Throwable e) {
        return e instanceof BadInputException || e instanceof NotFoundException ? BAD_INPUT : FAILED;
    }

    /** One printable line: a failure's message never brings a stack of causes or raw control characters. */
    static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return Printable.of(nl < 0 ? message : message.substring(0, nl));
    }

    /** Usage errors (unknown option, missing value) are bad input too. */
    static final class Usage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("image-lifecycle: " + message(e) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        }
    }
}
