package io.jenkins.plugins.imagelifecycle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code image-lifecycle}: the engine from a terminal, without Jenkins. */
@Command(name = "image-lifecycle", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Bless, augment, test, promote and retire container and host images, with full traceability.")
public final class ImageLifecycleCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The commands, in the order {@code --help} lists them. */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(
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
            CatalogCommand.class);

    public static void main(String[] args) {
        int code = run(args);
        QuickExit.releaseThreadsInNative();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code: 0 done, 2 bad input, 1 anything else. */
    public static int run(String... args) {
        return newCommandLine(args).execute(args);
    }

    /** The whole command tree: every command and {@code help}. */
    static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * The command tree for {@code args}: when the first names a command, that command alone, else every command and
     * {@code help} (so that --help lists them all and a mistyped name gets its suggestions). Picocli reads each
     * command's annotations by reflection when it is added, and its own classes (Java 5 class files) are verified at
     * every start and cannot be kept in a class-data-sharing archive: the whole tree of 26 commands cost a run 0.12 to
     * 0.17 s before its command started.
     */
    static CommandLine newCommandLine(String... args) {
        CommandLine cli = new CommandLine(new ImageLifecycleCli());
        String first = args.length == 0 ? "" : args[0];
        java.util.List<Class<?>> named = COMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        for (Class<?> command : named.isEmpty() ? COMMANDS : named) {
            cli.addSubcommand(command);
        }
        if (named.isEmpty()) {
            cli.addSubcommand(new CommandLine.HelpCommand());
        }
        return cli
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
