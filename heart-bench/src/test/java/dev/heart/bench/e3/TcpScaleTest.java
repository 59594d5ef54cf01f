package dev.heart.bench.e3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * E3's options, its held count and summary line, and one small real run of both child JVMs. No
 * timing is asserted.
 */
class TcpScaleTest {

    @Test
    void quickAndFullDefaultsAndOptions() {
        E3Options quick = E3Options.parse(true, List.of());
        assertEquals(50_000, quick.n());
        assertEquals(Duration.ofSeconds(30), quick.window());
        assertEquals(1, quick.connections());
        assertEquals(E3Options.SERVER_JVM, quick.serverJvm());
        assertEquals(E3Options.HEART_JVM, quick.heartJvm());
        E3Options full = E3Options.parse(false, List.of());
        assertEquals(1_000_000, full.n());
        assertEquals(Duration.ofSeconds(300), full.window());
        E3Options given = E3Options.parse(
                false,
                List.of("--n=7", "--window=3", "--warmup=0", "--connections=4", "--heart-jvm=-Xmx1g", "--jfr=h.jfr"));
        assertEquals(7, given.n());
        assertEquals(Duration.ZERO, given.warmup());
        assertEquals(4, given.connections());
        assertEquals("-Xmx1g", given.heartJvm().get(0));
        assertTrue(given.heartJvm().get(1).startsWith("-XX:StartFlightRecording="), given::toString);
        assertEquals(E3Options.SERVER_JVM, given.serverJvm());
    }

    @Test
    void badOptionsAreRefusedNamingThem() {
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> E3Options.parse(true, List.of("--hearts=5")));
        assertTrue(unknown.getMessage().contains("'--hearts=5'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> E3Options.parse(true, List.of("--n=")));
        assertThrows(IllegalArgumentException.class, () -> E3Options.parse(true, List.of("--connections=0")));
    }

    @Test
    void heldIsTheFewestCountedLessTheLapsed() {
        assertEquals(1_000, E3Result.held(1_000, 1_000, 0));
        assertEquals(990, E3Result.held(1_000, 995, 10)); // ten lapsed and registered again between counts
        assertEquals(900, E3Result.held(1_000, 900, 0));
        assertEquals(0, E3Result.held(1_000, 0, 5_000));
    }

    @Test
    void theSummaryLineAndTheFailure() {
        E3Result all = new E3Result(1_000, 1_000, 2, 100, 50L << 20, 20L << 20, 12.34, 5.6, 1.5);
        assertEquals(
                "E3 n=1000 held=1000 connections=2 beats_per_s=100 client_heap_mb=50.0 server_heap_mb=20.0"
                        + " client_cpu_pct=12.3 server_cpu_pct=5.6 p99_round_trip_ms=1.50",
                all.line());
        assertNull(all.failure());
        E3Result some = new E3Result(1_000, 990, 1, 100, 0, 0, 0, 0, 1);
        assertEquals("E3 FAILED: 990 of 1000 registrants held through the window (10 lost)", some.failure());
    }

    /** Both child JVMs, a hundred registrants over tcp://: all held, exit 0, the summary line last. */
    @Test
    void aSmallRunHoldsEveryRegistrantAndEndsWithItsSummary() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = new TcpScale()
                    .run(
                            true,
                            List.of(
                                    "--n=100",
                                    "--warmup=0",
                                    "--window=2",
                                    "--server-jvm=-Xmx128m",
                                    "--heart-jvm=-Xmx128m"));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("E3 n=100 held=100 connections=1 "), out);
    }
}
