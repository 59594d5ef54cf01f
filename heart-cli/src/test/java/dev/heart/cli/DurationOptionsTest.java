package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.cli.RegistryAndBeatTest.CommandThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration option of every command: positive and at most 100 years (an {@code --interval}
 * at most a year), else exit 2 with one line naming the option; never an overflow at run time.
 */
class DurationOptionsTest {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final Pattern LISTENING = Pattern.compile("listening on (tcp://127\\.0\\.0\\.1:\\d+)");

    /** Each duration option with the other options its command needs, and its longest value. */
    static Stream<Arguments> durationOptions() {
        return Stream.of(
                Arguments.of(List.of("demo"), "--duration", "876000h"),
                Arguments.of(List.of("demo"), "--interval", "8760h"),
                Arguments.of(List.of("registry", "--port", "0"), "--timeout", "876000h"),
                Arguments.of(
                        List.of("beat", "--registry", "tcp://127.0.0.1:1", "--id", "a", "--service", "s"),
                        "--interval",
                        "8760h"),
                Arguments.of(List.of("load", "--registry", "tcp://127.0.0.1:1"), "--duration", "876000h"),
                Arguments.of(List.of("load", "--registry", "tcp://127.0.0.1:1"), "--interval", "8760h"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("durationOptions")
    void tooLongZeroAndOverflowAreRefusedNamingTheOption(List<String> command, String option, String longest) {
        long longestHours = Long.parseLong(longest.replace("h", ""));
        for (String tooLong : List.of(
                "3000000h",
                (longestHours + 1) + "h",
                "PT" + (longestHours + 1) + "H",
                "99999999999999999999999ms",
                "PT99999999999999999999H",
                "P999999999999D")) {
            assertRefused(run(command, option, tooLong), option, "'" + tooLong + "' is too long; at most " + longest);
        }
        assertRefused(run(command, option, "0s"), option, "'0s' is zero; it must be positive");
        assertRefused(run(command, option, "-1s"), option, "is negative");
        assertRefused(run(command, option, "soon"), option, "is not a duration");
    }

    @Test
    void theLongestValuesAreTaken() {
        assertEquals(Duration.ofDays(36_500), new DurationConverter().convert("876000h"));
        assertEquals(Duration.ofDays(36_500), new DurationConverter().convert("PT876000H"));
        assertEquals(Duration.ofDays(365), new DurationConverter.Interval().convert("8760h"));
    }

    /** A registry with the longest lease and a heart beating at the longest interval: no overflow anywhere. */
    @Test
    void theLongestLeaseAndIntervalRunWithoutOverflow() throws Exception {
        Console registry = new Console();
        CommandThread registryThread =
                CommandThread.start("test-registry", registry, "registry", "--port", "0", "--timeout", "876000h");
        try {
            registry.awaitOut(LISTENING.asPredicate(), BOUND, "the registry listens");
            Matcher listening = LISTENING.matcher(registry.out());
            assertTrue(listening.find());
            String uri = listening.group(1);
            Console beat = new Console();
            CommandThread beatThread = CommandThread.start(
                    "test-beat",
                    beat,
                    "beat",
                    "--registry",
                    uri,
                    "--id",
                    "slow",
                    "--service",
                    "s",
                    "--interval",
                    "8760h");
            beat.awaitOut(out -> out.contains("established with registry registry at " + uri), BOUND, "established");
            Console.Result load =
                    Console.exec("load", "--registry", uri, "--hearts", "1", "--duration", "1s", "--interval", "8760h");
            assertEquals(0, load.code(), load::toString);
            assertTrue(load.out().contains("1 started, 1 established at the end, 0 ended"), load::toString);
            beatThread.interrupt();
            assertEquals(0, beatThread.exitCode(BOUND), beat.out());
            assertFalse(beat.out().contains("failed"), beat.out());
        } finally {
            registryThread.interrupt();
        }
        assertEquals(0, registryThread.exitCode(BOUND), registry.out());
        assertFalse(registry.out().contains("expired"), registry.out());
    }

    private static Console.Result run(List<String> command, String option, String value) {
        List<String> args = new ArrayList<>(command);
        args.add(option);
        args.add(value);
        return Console.exec(args.toArray(String[]::new));
    }

    private static void assertRefused(Console.Result result, String option, String problem) {
        assertEquals(Main.USAGE, result.code(), result::toString);
        String firstLine = result.err().lines().findFirst().orElse("");
        assertTrue(
                firstLine.startsWith("heart: Invalid value for option '" + option + "': ")
                        && firstLine.contains(problem),
                "expected '" + problem + "' naming " + option + ": " + result);
        assertFalse(result.err().contains("\tat ") || result.err().contains("overflow"), "stack trace: " + result);
        assertTrue(result.out().isEmpty(), "nothing ran: " + result);
    }
}
