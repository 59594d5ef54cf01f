package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.cli.RegistryAndBeatTest.CommandThread;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code registry --max-bytes}: the byte budget beside {@code --capacity}, and its bad input. */
class RegistryMaxBytesTest {
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final Pattern LISTENING = Pattern.compile("listening on (tcp://127\\.0\\.0\\.1:\\d+) \\((.*)\\)");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|'0' is zero; it must be at least 1 byte",
                "0MiB|'0MiB' is zero",
                "-1|'-1' is not a byte count",
                "1.5MiB|'1.5MiB' is not a byte count",
                "lots|'lots' is not a byte count",
                "64mb|'64mb' is not a byte count",
                "8388608TiB|'8388608TiB' is too large",
                "99999999999999999999|is too large"
            })
    void badByteCountsAreRefusedNamingTheOption(String value, String problem) {
        Console.Result result = Console.exec("registry", "--port", "0", "--max-bytes", value);
        assertEquals(Main.USAGE, result.code(), result::toString);
        String firstLine = result.err().lines().findFirst().orElse("");
        assertTrue(
                firstLine.startsWith("heart: Invalid value for option '--max-bytes': ") && firstLine.contains(problem),
                result::toString);
        assertTrue(result.err().contains("Usage: heart registry"), result::toString);
        assertTrue(result.err().contains("--max-bytes=BYTES"), "in the usage: " + result);
        assertTrue(result.out().isEmpty(), result::toString);
    }

    @Test
    void byteCountsReadBinaryUnits() {
        assertEquals(1_048_576L, ByteSizeConverter.parse("1048576"));
        assertEquals(400L, ByteSizeConverter.parse("400B"));
        assertEquals(512L << 10, ByteSizeConverter.parse("512KiB"));
        assertEquals(64L << 20, ByteSizeConverter.parse("64MiB"));
        assertEquals(2L << 30, ByteSizeConverter.parse("2GiB"));
        assertEquals(Long.MAX_VALUE, ByteSizeConverter.parse(String.valueOf(Long.MAX_VALUE)));
        assertEquals("64MiB", ByteSizeConverter.format(64L << 20));
        assertEquals("400B", ByteSizeConverter.format(400));
    }

    /** load-N in service load counts 160 + 2 * 10 = 180 B: 400 B hold two of them, not three. */
    @Test
    void theByteBudgetTurnsAwayWhatDoesNotFit() throws Exception {
        Console registry = new Console();
        CommandThread registryThread = CommandThread.start(
                "test-registry", registry, "registry", "--port", "0", "--timeout", "2s", "--max-bytes", "400");
        try {
            registry.awaitOut(LISTENING.asPredicate(), BOUND, "the registry listens");
            Matcher listening = LISTENING.matcher(registry.out());
            assertTrue(listening.find());
            assertTrue(listening.group(2).contains("capacity 10000, max bytes 400B"), registry.out());
            Console.Result load = Console.exec(
                    "load",
                    "--registry",
                    listening.group(1),
                    "--hearts",
                    "3",
                    "--duration",
                    "2s",
                    "--interval",
                    "200ms");
            assertEquals(0, load.code(), load::toString);
            Matcher rejected = Pattern.compile(", (\\d+) rejected").matcher(load.out());
            assertTrue(rejected.find() && Integer.parseInt(rejected.group(1)) > 0, "the third is turned away: " + load);
            assertTrue(registry.out().contains("(2 alive)"), registry.out());
            assertFalse(registry.out().contains("(3 alive)"), "400 B hold two: " + registry.out());
        } finally {
            registryThread.interrupt();
        }
        assertEquals(0, registryThread.exitCode(BOUND), registry.out());
    }

    @Test
    void theDefaultBudgetIs64MiB() throws Exception {
        Console registry = new Console();
        CommandThread registryThread = CommandThread.start("test-registry", registry, "registry", "--port", "0");
        try {
            registry.awaitOut(LISTENING.asPredicate(), BOUND, "the registry listens");
            assertTrue(registry.out().contains("capacity 10000, max bytes 64MiB, lease 10s"), registry.out());
        } finally {
            registryThread.interrupt();
        }
        assertEquals(0, registryThread.exitCode(BOUND), registry.out());
    }
}
