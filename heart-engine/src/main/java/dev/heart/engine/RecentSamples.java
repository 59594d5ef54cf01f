package dev.heart.engine;

import java.time.Duration;
import java.util.Arrays;

/**
 * The last 16 samples of a time span, in microseconds, for one beating's percentiles. Written by
 * the beating only; read by snapshots, which may see a sample being written.
 */
final class RecentSamples {
    private static final int SIZE = 16;
    private final int[] micros = new int[SIZE];
    private long count;

    void record(long nanos) {
        micros[(int) (count++ & (SIZE - 1))] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, nanos / 1000));
    }

    Percentiles percentiles() {
        long total = count;
        int n = (int) Math.min(total, SIZE);
        if (n == 0) {
            return Percentiles.NONE;
        }
        int[] sorted = Arrays.copyOf(micros, n);
        Arrays.sort(sorted);
        return new Percentiles(total, micros(sorted[(n - 1) / 2]), micros(sorted[(int) Math.ceil(0.99 * n) - 1]),
                micros(sorted[n - 1]));
    }

    private static Duration micros(int value) {
        return Duration.ofNanos(value * 1000L);
    }
}
