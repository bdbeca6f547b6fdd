package io.tributary.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command. User mistakes get one clear line and a non-zero exit, never a stack trace. */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0",
        description = "Real-time cryptocurrency market data: exchange feeds, exact order books, capture.",
        subcommands = {DemoCommand.class, CaptureCommand.class, TwinCommand.class, ReplayCommand.class,
                QueryCommand.class, ImportCommand.class, BenchCommand.class, ServeCommand.class})
public final class Main {

    /** Exit status for a mistake on the command line. */
    static final int USAGE_ERROR = 2;
    /** Exit status for a failure while running. */
    static final int RUN_ERROR = 1;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command in this process (as the {@code tributary} launcher does) and returns its exit status. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** The command line with {@code factory} making the subcommands (tests hand in the instance they control). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(new Main(), factory);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("tributary: " + e.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE_ERROR;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof UserException) {
                failed.getErr().println("tributary: " + e.getMessage());
                return USAGE_ERROR;
            }
            failed.getErr().println("tributary: " + describe(e));
            return RUN_ERROR;
        });
        return commandLine;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** A mistake the user can fix (bad value, unknown symbol): reported as one line, exit status 2. */
    static final class UserException extends RuntimeException {
        UserException(String message) {
            super(message);
        }
    }
}
