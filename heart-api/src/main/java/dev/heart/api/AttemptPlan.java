package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.time.Duration;

/**
 * When to send a beat and how to try it: the wait before the first attempt, then the
 * {@link Attempts}. A delay and a timeout of different types, so that they cannot be swapped.
 *
 * @param delay    the wait before the first attempt, served by the heart's timer; zero or more
 * @param attempts how the beat is tried
 */
public record AttemptPlan(Duration delay, Attempts attempts) {

    /**
     * Validates the components.
     *
     * @param delay    the wait before the first attempt; zero or more
     * @param attempts how the beat is tried
     */
    public AttemptPlan {
        Checks.notNegative(delay, "delay");
        Checks.notNull(attempts, "attempts");
    }

    /**
     * A plan that sends at once.
     *
     * @param attempts how the beat is tried
     * @return the plan
     */
    public static AttemptPlan now(Attempts attempts) {
        return new AttemptPlan(Duration.ZERO, attempts);
    }

    /**
     * The time from now until the last attempt's timeout has passed.
     *
     * @return {@code delay + (retries + 1) * timeout}
     */
    public Duration worstCase() {
        return delay.plus(attempts.worstCase());
    }
}
