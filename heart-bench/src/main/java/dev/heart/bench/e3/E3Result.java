package dev.heart.bench.e3;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * E3's figures and its summary line.
 *
 * @param n               registrants the run keeps
 * @param held            registrants the server held at every count of the window and at its end,
 *                        less those that lapsed in it
 * @param connections     connections from the heart to the server
 * @param beatsPerSecond  accepted beats per second of window, counted by the heart
 * @param clientHeapBytes the heart JVM's heap in use after full collections, at the window's end
 * @param serverHeapBytes the server JVM's, likewise
 * @param clientCpuPct    the heart JVM's CPU time over the window's wall time, percent of one core
 * @param serverCpuPct    the server JVM's, likewise
 * @param p99RoundTripMs  the 99th percentile of the accepted beats' round trips in the window, ms
 */
record E3Result(
        int n,
        long held,
        int connections,
        double beatsPerSecond,
        long clientHeapBytes,
        long serverHeapBytes,
        double clientCpuPct,
        double serverCpuPct,
        double p99RoundTripMs) {

    /**
     * Registrants held: the fewest counted, less the lapses of the window (a lower bound of those that
     * never lapsed when one registrant lapses more than once), never below 0.
     */
    static long held(int n, long fewestCounted, long lapsedInWindow) {
        return Math.max(0, Math.min(fewestCounted, n - lapsedInWindow));
    }

    /** The summary line. */
    String line() {
        return String.format(
                Locale.ROOT,
                "E3 n=%d held=%d connections=%d beats_per_s=%.0f client_heap_mb=%.1f server_heap_mb=%.1f"
                        + " client_cpu_pct=%.1f server_cpu_pct=%.1f p99_round_trip_ms=%.2f",
                n,
                held,
                connections,
                beatsPerSecond,
                clientHeapBytes / 1048576.0,
                serverHeapBytes / 1048576.0,
                clientCpuPct,
                serverCpuPct,
                p99RoundTripMs);
    }

    /** {@code E3 FAILED: <why>} when not all were held, else null. */
    @Nullable
    String failure() {
        return held >= n
                ? null
                : String.format(
                        Locale.ROOT,
                        "E3 FAILED: %d of %d registrants held through the window (%d lost)",
                        held,
                        n,
                        n - held);
    }
}
