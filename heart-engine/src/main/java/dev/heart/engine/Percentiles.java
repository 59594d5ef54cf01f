package dev.heart.engine;

import dev.heart.engine.internal.Checks;
import java.time.Duration;

/**
 * A summary of a distribution of time spans.
 *
 * @param count how many samples; zero or more
 * @param p50   the median; zero when there are no samples
 * @param p99   the 99th percentile; zero when there are no samples
 * @param max   the largest sample; zero when there are no samples
 */
public record Percentiles(long count, Duration p50, Duration p99, Duration max) {
    /** No samples. */
    public static final Percentiles NONE = new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * Validates the components.
     *
     * @param count how many samples; zero or more
     * @param p50 the median; not negative
     * @param p99 the 99th percentile; not negative
     * @param max the largest sample; not negative
     */
    public Percentiles {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        Checks.notNegative(p50, "p50");
        Checks.notNegative(p99, "p99");
        Checks.notNegative(max, "max");
    }
}
