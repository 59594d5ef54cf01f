package dev.heart.engine;

import java.util.Map;

/**
 * A snapshot of one beating's figures, taken by {@link Beating#stats()}. Counters are read without
 * locking, so a snapshot taken while the beating runs may be a beat behind.
 *
 * @param beats           exchanges that got a response (accepted or rejected)
 * @param rejections      responses with {@code reject = true}
 * @param failedAttempts  attempts that failed (error or timeout)
 * @param failedBeats     beats whose every attempt failed
 * @param failuresByCause failed attempts counted by the simple class name of their cause;
 *                        unmodifiable
 * @param roundTrip       round trips of the most recent successful attempts (up to 8)
 * @param lateness        how late the most recent delayed beats were sent behind their due time
 *                        (up to 8)
 * @param state           the beating's state
 * @param health          the registration's health
 */
public record BeatingStats(
        long beats,
        long rejections,
        long failedAttempts,
        long failedBeats,
        Map<String, Long> failuresByCause,
        Percentiles roundTrip,
        Percentiles lateness,
        Beating.State state,
        Health health) {

    /**
     * Copies the map.
     *
     * @param beats exchanges that got a response; zero or more
     * @param rejections responses with {@code reject = true}; zero or more
     * @param failedAttempts attempts that failed; zero or more
     * @param failedBeats beats whose every attempt failed; zero or more
     * @param failuresByCause failed attempts by cause; copied
     * @param roundTrip recent round trips
     * @param lateness recent lateness
     * @param state the beating's state
     * @param health the registration's health
     */
    public BeatingStats {
        failuresByCause = Map.copyOf(failuresByCause);
    }
}
