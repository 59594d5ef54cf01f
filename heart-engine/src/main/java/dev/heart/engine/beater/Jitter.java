package dev.heart.engine.beater;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** A random source for the beaters: the given one, or the calling thread's. */
final class Jitter {
    private final @Nullable RandomGenerator random;

    Jitter(@Nullable RandomGenerator random) {
        this.random = random;
    }

    private RandomGenerator random() {
        return random != null ? random : ThreadLocalRandom.current();
    }

    /** {@code span} spread uniformly by {@code +/- fraction} of itself. */
    Duration spread(Duration span, double fraction) {
        if (fraction == 0) {
            return span;
        }
        double factor = 1 + fraction * (2 * random().nextDouble() - 1);
        return Duration.ofNanos((long) (span.toNanos() * factor));
    }

    /** {@code span} shortened by a uniform share within {@code [0, fraction)} of itself: never longer. */
    Duration shortened(Duration span, double fraction) {
        if (fraction == 0) {
            return span;
        }
        return Duration.ofNanos((long) (span.toNanos() * (1 - fraction * random().nextDouble())));
    }

    /** A uniform wait within {@code [0, span)}: full jitter. */
    Duration below(Duration span) {
        return Duration.ofNanos((long) (span.toNanos() * random().nextDouble()));
    }

    /** A uniform point within {@code [0, span)}. */
    Duration phase(Duration span) {
        return Duration.ofNanos((long) (span.toNanos() * random().nextDouble()));
    }

    static double fraction(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1), was " + value);
        }
        return value;
    }
}
