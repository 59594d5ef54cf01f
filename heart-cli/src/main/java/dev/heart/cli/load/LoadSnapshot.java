package dev.heart.cli.load;

import dev.heart.engine.Percentiles;
import java.time.Duration;
import java.util.Map;

/**
 * The figures of a {@link LoadRun} at one moment.
 *
 * @param hearts          hearts started
 * @param established     hearts established now (registered, beating)
 * @param ended           hearts whose beating has ended (stopped, rejected or failed)
 * @param elapsed         time since the run started, on a monotonic clock
 * @param beats           exchanges that got a response
 * @param rejections      responses with {@code reject = true}
 * @param retried         retransmissions that led to a response (the sum of every
 *                        {@code lastRetryN})
 * @param failedAttempts  attempts that failed (error or timeout)
 * @param failedBeats     beats whose every attempt failed
 * @param failuresByCause failed attempts by the simple class name of their cause; unmodifiable
 * @param roundTrip       round trips of every successful attempt
 */
public record LoadSnapshot(
        int hearts,
        int established,
        int ended,
        Duration elapsed,
        long beats,
        long rejections,
        long retried,
        long failedAttempts,
        long failedBeats,
        Map<String, Long> failuresByCause,
        Percentiles roundTrip) {

    /**
     * Copies the map.
     *
     * @param hearts          hearts started
     * @param established     hearts established now
     * @param ended           hearts whose beating has ended
     * @param elapsed         time since the run started
     * @param beats           exchanges that got a response
     * @param rejections      responses with {@code reject = true}
     * @param retried         retransmissions that led to a response
     * @param failedAttempts  attempts that failed
     * @param failedBeats     beats whose every attempt failed
     * @param failuresByCause failed attempts by cause
     * @param roundTrip       round trips of every successful attempt
     */
    public LoadSnapshot {
        failuresByCause = Map.copyOf(failuresByCause);
    }

    /**
     * Beats per second over the whole run.
     *
     * @return the rate; zero before any time passed
     */
    public double beatsPerSecond() {
        return elapsed.isZero() ? 0 : beats * 1e9 / elapsed.toNanos();
    }

    /**
     * Beats per second between {@code earlier} and this snapshot.
     *
     * @param earlier a snapshot of the same run, taken before
     * @return the rate; zero when no time passed
     */
    public double beatsPerSecondSince(LoadSnapshot earlier) {
        long nanos = elapsed.minus(earlier.elapsed).toNanos();
        return nanos <= 0 ? 0 : (beats - earlier.beats) * 1e9 / nanos;
    }
}
