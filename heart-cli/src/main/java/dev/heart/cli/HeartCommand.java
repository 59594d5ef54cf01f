package dev.heart.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code heart}: the top command; without a subcommand it runs the demo with its defaults. */
@Command(
        name = "heart",
        mixinStandardHelpOptions = true,
        version = "heart 0.1.0-SNAPSHOT",
        description = {"Keeps registrants alive in a service registry by beating.", "Without a command, runs the demo."
        },
        subcommands = CommandLine.HelpCommand.class)
final class HeartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Objects.requireNonNull(spec.commandLine().getSubcommands().get("demo"), "Main adds demo")
                .execute();
    }
}
