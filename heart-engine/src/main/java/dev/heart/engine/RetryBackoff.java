package dev.heart.engine;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The wait between a failed attempt and the next attempt of the same beat. The default,
 * {@link #none()}, retries at once, as the original did.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface RetryBackoff {

    /**
     * The wait before retransmission {@code retry}.
     *
     * @param retry 1 for the first retransmission, 2 for the second...
     * @return zero or more. A wait longer than 100 years is served as 100 years
     */
    Duration delayBefore(int retry);

    /**
     * No wait: retry at once.
     *
     * @return a backoff whose every wait is zero
     */
    static RetryBackoff none() {
        return retry -> Duration.ZERO;
    }

    /**
     * {@code initial * 2^(retry-1)}, capped at {@code max}, each wait spread uniformly by
     * {@code +/- jitter} of itself.
     *
     * @param initial the first wait; positive, at most 100 years
     * @param max     the cap; not less than {@code initial}, at most 100 years
     * @param jitter  from 0 (none) to 1
     * @return a new thread-safe backoff
     * @throws IllegalArgumentException when an argument is out of its range
     */
    static RetryBackoff exponential(Duration initial, Duration max, double jitter) {
        return exponential(initial, max, jitter, null);
    }

    /**
     * Like {@link #exponential(Duration, Duration, double)}, with the jitter drawn from
     * {@code random}, for runs replayable from a seed. {@code random} must be thread-safe when
     * the heart runs beatings on several threads; null means the calling thread's
     * {@code ThreadLocalRandom}.
     *
     * @param initial the first wait; positive, at most 100 years
     * @param max     the cap; not less than {@code initial}, at most 100 years
     * @param jitter  from 0 (none) to 1
     * @param random  the source of the jitter; may be null
     * @return a new backoff
     * @throws IllegalArgumentException when an argument is out of its range
     */
    static RetryBackoff exponential(Duration initial, Duration max, double jitter, @Nullable RandomGenerator random) {
        Limits.positive(initial, "initial");
        Limits.positive(max, "max");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must not be less than initial, was " + max + " < " + initial);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within [0, 1], was " + jitter);
        }
        return new ExponentialBackoff(initial, max, jitter, random);
    }
}
