package dev.heart.engine;

import java.time.Duration;
import java.util.Arrays;

/**
 * The last 8 round trips and the last 8 latenesses of one beating, in microseconds, in one
 * array: a beating's percentiles cost 80 bytes. Written by the beating only; read by snapshots,
 * which may see a sample being written.
 */
final class RecentSamples {
    private static final int SIZE = 8;
    private final int[] micros = new int[2 * SIZE];
    private long roundTrips;
    private long latenesses;

    void roundTrip(long nanos) {
        micros[(int) (roundTrips++ & (SIZE - 1))] = toMicros(nanos);
    }

    void lateness(long nanos) {
        micros[SIZE + (int) (latenesses++ & (SIZE - 1))] = toMicros(nanos);
    }

    Percentiles roundTrips() {
        return percentiles(0, roundTrips);
    }

    Percentiles latenesses() {
        return percentiles(SIZE, latenesses);
    }

    private static int toMicros(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, nanos / 1000));
    }

    private Percentiles percentiles(int from, long total) {
        int n = (int) Math.min(total, SIZE);
        if (n == 0) {
            return Percentiles.NONE;
        }
        int[] sorted = Arrays.copyOfRange(micros, from, from + n);
        Arrays.sort(sorted);
        return new Percentiles(
                total,
                micros(sorted[(n - 1) / 2]),
                micros(sorted[(int) Math.ceil(0.99 * n) - 1]),
                micros(sorted[n - 1]));
    }

    private static Duration micros(int value) {
        return Duration.ofNanos(value * 1000L);
    }
}
