package dev.heart.transport.tcp.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between connection attempts: after the n-th consecutive failure
 * the wait is drawn uniformly from [d/2, d] with d = min(max, initial * 2^(n-1)). Success resets
 * it. Not thread-safe: owned by a connection's I/O thread.
 */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initialNanos = Codec.nanos(initial);
        this.maxNanos = Codec.nanos(max);
    }

    /** Records a failure and returns the wait before the next attempt, in nanoseconds. */
    long failed() {
        failures++;
        long delay = initialNanos;
        for (int i = 1; i < failures && delay < maxNanos; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, maxNanos);
        long half = delay / 2;
        return half + ThreadLocalRandom.current().nextLong(delay - half + 1);
    }

    /** Records a success. */
    void reset() {
        failures = 0;
    }

    /** Consecutive failures so far. */
    int failures() {
        return failures;
    }
}
