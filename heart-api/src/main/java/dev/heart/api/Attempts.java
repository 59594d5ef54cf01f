package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.time.Duration;

/**
 * How one beat is tried: at most {@code retries + 1} attempts, each bounded by {@code timeout}.
 * Worst case for one beat: {@code (retries + 1) * timeout}, plus the heart's retry backoff.
 *
 * @param timeout the bound of each attempt; positive
 * @param retries how many attempts may follow a failed one (retransmissions); zero or more.
 *                The seed calls it {@code retryN}
 */
public record Attempts(Duration timeout, int retries) {

    /**
     * Validates the components.
     *
     * @param timeout the bound of each attempt; positive
     * @param retries retransmissions; zero or more
     * @throws NullPointerException     when {@code timeout} is null
     * @throws IllegalArgumentException when {@code timeout} is not positive or {@code retries} is negative
     */
    public Attempts {
        Checks.positive(timeout, "timeout");
        Checks.notNegative(retries, "retries");
    }

    /**
     * At most {@code retries + 1} attempts of {@code timeout} each.
     *
     * @param timeout the bound of each attempt; positive
     * @param retries retransmissions; zero or more
     * @return the attempts
     */
    public static Attempts of(Duration timeout, int retries) {
        return new Attempts(timeout, retries);
    }

    /**
     * Exactly one attempt, bounded by {@code timeout}.
     *
     * @param timeout the bound of the attempt; positive
     * @return the attempts
     */
    public static Attempts once(Duration timeout) {
        return new Attempts(timeout, 0);
    }

    /**
     * The time until the last attempt's timeout has passed, backoff aside.
     *
     * @return {@code (retries + 1) * timeout}
     */
    public Duration worstCase() {
        return timeout.multipliedBy(retries + 1L);
    }
}
