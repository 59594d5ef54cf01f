package dev.heart.engine;

import dev.heart.engine.internal.Checks;
import java.time.Duration;

/**
 * The longest timeout or delay the engine accepts. The engine counts time in nanoseconds in a
 * {@code long} on a monotonic clock with an arbitrary origin; a span must stay far below the 292
 * years that fit, so that "now plus span" compares correctly on any clock. Longer spans are
 * refused up front with an {@link IllegalArgumentException} naming the argument and this maximum;
 * none is silently shortened. A registry's lease ({@code Response.timeout}), which comes from the
 * network rather than from the application, is saturated to it instead.
 */
final class Limits {
    /** 100 years (36,500 days). */
    static final Duration MAX_DURATION = Duration.ofDays(36_500);

    static final long MAX_NANOS = MAX_DURATION.toNanos();

    private Limits() {}

    /** {@code value}, checked positive and at most {@link #MAX_DURATION}. */
    static Duration positive(Duration value, String name) {
        return atMost(Checks.positive(value, name), name);
    }

    /** {@code value}, checked zero or more and at most {@link #MAX_DURATION}. */
    static Duration notNegative(Duration value, String name) {
        return atMost(Checks.notNegative(value, name), name);
    }

    private static Duration atMost(Duration value, String name) {
        if (value.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(
                    name + " must be at most " + MAX_DURATION.toDays() + " days (" + MAX_DURATION + "), was " + value);
        }
        return value;
    }

    /** {@code value}, or {@link #MAX_DURATION} when longer: for spans the application did not pass in directly. */
    static Duration saturated(Duration value) {
        return value.compareTo(MAX_DURATION) > 0 ? MAX_DURATION : value;
    }

    /** {@code value} in nanoseconds, at most {@link #MAX_NANOS}: for spans that come from outside. */
    static long saturatedNanos(Duration value) {
        return value.compareTo(MAX_DURATION) > 0 ? MAX_NANOS : value.toNanos();
    }
}
