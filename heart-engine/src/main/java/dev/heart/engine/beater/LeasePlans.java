package dev.heart.engine.beater;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import java.time.Duration;

/**
 * Plans a beat inside a lease so that all its attempts fit before the registry's deadline:
 * {@code delay + (retries + 1) * timeout <= lease - margin}.
 *
 * <p>The original Go controller budgeted {@code retryN * timeout} for {@code retryN + 1} attempts,
 * one attempt too many; this plan counts every attempt.
 */
final class LeasePlans {
    private static final Duration SMALLEST_TIMEOUT = Duration.ofMillis(1);

    private LeasePlans() {}

    /**
     * @param lease     the registry's deadline from now; positive
     * @param delay     the wanted wait before the first attempt; not negative
     * @param margin    kept free before the deadline; not negative
     * @param preferred the preferred attempts
     * @return a plan whose worst case fits in {@code lease - margin} whenever that is at least a
     *         millisecond; otherwise one attempt at once, bounded by what is left (at least 1 ms)
     */
    static AttemptPlan within(Duration lease, Duration delay, Duration margin, Attempts preferred) {
        Duration usable = lease.minus(margin);
        if (usable.compareTo(SMALLEST_TIMEOUT) < 0) {
            return AttemptPlan.now(Attempts.once(SMALLEST_TIMEOUT));
        }
        if (delay.compareTo(usable) >= 0) {
            delay = Duration.ZERO;
        }
        Duration budget = usable.minus(delay);
        long fitting = budget.toNanos() / preferred.timeout().toNanos();
        if (fitting >= 1) {
            return new AttemptPlan(
                    delay, Attempts.of(preferred.timeout(), (int) Math.min(preferred.retries(), fitting - 1)));
        }
        if (budget.compareTo(SMALLEST_TIMEOUT) < 0) {
            return AttemptPlan.now(Attempts.once(usable));
        }
        return new AttemptPlan(delay, Attempts.once(budget));
    }
}
