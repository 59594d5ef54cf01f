package dev.heart.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** Doubling waits with a cap and jitter; see {@link RetryBackoff#exponential}. */
final class ExponentialBackoff implements RetryBackoff {
    private final long initialNanos;
    private final long maxNanos;
    private final double jitter;
    private final @Nullable RandomGenerator random;

    ExponentialBackoff(Duration initial, Duration max, double jitter, @Nullable RandomGenerator random) {
        this.random = random;
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.jitter = jitter;
    }

    @Override
    public Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be 1 or more, was " + retry);
        }
        int shift = Math.min(retry - 1, 62);
        long base = initialNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, initialNanos << shift);
        if (jitter == 0) {
            return Duration.ofNanos(base);
        }
        RandomGenerator source = random != null ? random : ThreadLocalRandom.current();
        double factor = 1 + jitter * (2 * source.nextDouble() - 1);
        return Duration.ofNanos((long) (base * factor));
    }

    @Override
    public String toString() {
        return "exponential(" + Duration.ofNanos(initialNanos) + ", max " + Duration.ofNanos(maxNanos) + ", jitter "
                + jitter + ")";
    }
}
