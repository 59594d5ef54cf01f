package dev.heart.engine;

import java.util.Map;

/**
 * A snapshot of every beating a {@link Heart} has run, taken by {@link Heart#stats()}.
 *
 * @param running         beatings running now
 * @param byState         running beatings counted by state; unmodifiable
 * @param byHealth        running beatings counted by health; unmodifiable
 * @param beats           exchanges that got a response, since the heart was built
 * @param rejections      responses with {@code reject = true}
 * @param failedAttempts  attempts that failed
 * @param failedBeats     beats whose every attempt failed
 * @param lateBeats       beats sent later than the heart's late-beat threshold
 * @param failuresByCause failed attempts by the simple class name of their cause; unmodifiable
 * @param roundTrip       round trips of every successful attempt (about 6% precision)
 * @param lateness        lateness of every delayed beat (about 6% precision)
 */
public record HeartStats(
        int running,
        Map<Beating.State, Integer> byState,
        Map<Health, Integer> byHealth,
        long beats,
        long rejections,
        long failedAttempts,
        long failedBeats,
        long lateBeats,
        Map<String, Long> failuresByCause,
        Percentiles roundTrip,
        Percentiles lateness) {

    /**
     * Copies the maps.
     *
     * @param running beatings running now; zero or more
     * @param byState running beatings by state; copied
     * @param byHealth running beatings by health; copied
     * @param beats exchanges that got a response; zero or more
     * @param rejections responses with {@code reject = true}; zero or more
     * @param failedAttempts attempts that failed; zero or more
     * @param failedBeats beats whose every attempt failed; zero or more
     * @param lateBeats beats sent later than the threshold; zero or more
     * @param failuresByCause failed attempts by cause; copied
     * @param roundTrip round trips of successful attempts
     * @param lateness lateness of delayed beats
     */
    public HeartStats {
        byState = Map.copyOf(byState);
        byHealth = Map.copyOf(byHealth);
        failuresByCause = Map.copyOf(failuresByCause);
    }
}
