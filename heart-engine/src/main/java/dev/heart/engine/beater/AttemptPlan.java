package dev.heart.engine.beater;

import dev.heart.engine.internal.Checks;
import java.time.Duration;

/**
 * When to send the next beat and how to bound its attempts so that all of them fit before the
 * registry's deadline: {@code delay + (retryN + 1) * timeout <= lease - margin}.
 *
 * <p>The original Go controller budgeted {@code retryN * timeout} for {@code retryN + 1} attempts,
 * one attempt too many; this plan counts every attempt.
 *
 * @param delay   the wait before the first attempt; not negative
 * @param timeout the bound of each attempt; positive
 * @param retryN  retransmissions; zero or more
 */
public record AttemptPlan(Duration delay, Duration timeout, int retryN) {
    private static final Duration SMALLEST_TIMEOUT = Duration.ofMillis(1);

    /**
     * Validates the components.
     *
     * @param delay the wait before the first attempt; not null, not negative
     * @param timeout the bound of each attempt; not null, positive
     * @param retryN retransmissions; zero or more
     */
    public AttemptPlan {
        Checks.notNegative(delay, "delay");
        Checks.positive(timeout, "timeout");
        Checks.notNegative(retryN, "retryN");
    }

    /**
     * The time from now until the last attempt's timeout has passed.
     *
     * @return {@code delay + (retryN + 1) * timeout}; never null
     */
    public Duration worstCase() {
        return delay.plus(timeout.multipliedBy(retryN + 1L));
    }

    /**
     * Plans the next beat inside a lease.
     *
     * @param lease          the registry's deadline from now; positive
     * @param fraction       where in the lease to send, e.g. 1/3; in (0, 1)
     * @param margin         kept free before the deadline; not negative
     * @param attemptTimeout the preferred bound of each attempt; positive
     * @param maxRetryN      the most retransmissions wanted; zero or more
     * @return a plan whose worst case fits in {@code lease - margin} whenever that is at least a
     *         millisecond; otherwise one attempt at once, bounded by what is left (at least 1 ms)
     */
    static AttemptPlan within(Duration lease, double fraction, Duration margin, Duration attemptTimeout, int maxRetryN) {
        Duration usable = lease.minus(margin);
        if (usable.compareTo(SMALLEST_TIMEOUT) < 0) {
            return new AttemptPlan(Duration.ZERO, SMALLEST_TIMEOUT, 0);
        }
        Duration delay = Duration.ofNanos((long) (lease.toNanos() * fraction));
        if (delay.compareTo(usable) >= 0) {
            delay = Duration.ZERO;
        }
        Duration budget = usable.minus(delay);
        long fitting = budget.toNanos() / attemptTimeout.toNanos();
        if (fitting >= 1) {
            return new AttemptPlan(delay, attemptTimeout, (int) Math.min(maxRetryN, fitting - 1));
        }
        if (budget.compareTo(SMALLEST_TIMEOUT) < 0) {
            return new AttemptPlan(Duration.ZERO, usable, 0);
        }
        return new AttemptPlan(delay, budget, 0);
    }
}
