package dev.heart.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of {@code heart}: {@code heart [demo|registry|beat|load] [options]}; no command
 * runs the demo.
 *
 * <p>Exit codes: 0 done, 1 the run failed (a registry unreachable, hearts lost), 2 bad input (one
 * line naming the problem, then the usage; never a stack trace).
 */
public final class Main {
    /** The exit code of bad input. */
    public static final int USAGE = 2;
    /** The exit code of a run that failed. */
    public static final int FAILED = 1;

    private Main() {}

    /**
     * Runs {@code heart} with {@code args} and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        System.exit(run(args, out, err));
    }

    /**
     * Runs {@code heart} in-process: what {@link #main} does without exiting.
     *
     * @param args the command line. Empty runs the demo
     * @param out  where the output goes
     * @param err  where errors go
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args.length == 0 ? new String[] {"demo"} : args);
    }

    /** The command line of {@code heart} with its subcommands, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new HeartCommand())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new RegistryCommand())
                .addSubcommand(new BeatCommand())
                .addSubcommand(new LoadCommand());
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler(Main::badInput);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("heart " + command.getCommandName() + ": " + describe(e));
            return FAILED;
        });
        return line;
    }

    private static int badInput(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("heart: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        command.usage(err);
        return USAGE;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
