package io.jenkins.plugins.imagelifecycle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code image-lifecycle}: the engine from a terminal, without Jenkins. */
@Command(name = "image-lifecycle", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Bless, augment, test, promote and retire container and host images, with full traceability.",
        subcommands = {
            BlessCommand.class,
            AugmentCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            CheckCommand.class,
            RollbackCommand.class,
            ReverifyCommand.class,
            LineageCommand.class,
            TestCommand.class,
            ContentsCommand.class,
            ReleaseNotesCommand.class,
            SbomCommand.class,
            AdvisoriesCommand.class,
            FindingsCommand.class,
            PlanCommand.class,
            PromoteCommand.class,
            AttestationsCommand.class,
            KeysCommand.class,
            VerifyCommand.class,
            BuildHostCommand.class,
            ReportCommand.class,
            ServeCommand.class,
            DeprecateCommand.class,
            RetireCommand.class,
            WatchCommand.class,
            CatalogCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ImageLifecycleCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args);
        QuickExit.releaseThreadsInNative();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code: 0 done, 2 bad input, 1 anything else. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        return new CommandLine(new ImageLifecycleCli())
                .setExecutionStrategy(parseResult -> {
                    EmptyOptions.refuse(parseResult);
                    return new CommandLine.RunLast().execute(parseResult);
                })
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(new ErrorHandler.Usage());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; try --help");
    }
}
