package io.tributary.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the tributary command in process, capturing what it prints. */
final class Cli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final CommandLine commandLine;

    Cli() {
        this(CommandLine.defaultFactory());
    }

    /** With {@code command} as the instance of its subcommand, so a test can reach it while it runs. */
    Cli(Object command) {
        this(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type.isInstance(command) ? type.cast(command) : CommandLine.defaultFactory().create(type);
            }
        });
    }

    private Cli(CommandLine.IFactory factory) {
        commandLine = Main.commandLine(factory);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    int run(String... args) {
        return commandLine.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    static String shared(String relative) {
        String dir = System.getProperty("tributary.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property tributary.shared.dir is not set");
        }
        return dir + "/data/" + relative;
    }
}
