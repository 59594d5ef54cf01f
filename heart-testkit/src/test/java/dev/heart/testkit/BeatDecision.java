package dev.heart.testkit;

import dev.heart.api.Attempts;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.List;

/**
 * One decision of a beater: stop, or send the next beat after {@code delay} with {@code timeout}
 * and {@code retries}. {@link #script} turns a list of them into a beater, for testing the engine
 * with generated decisions ({@link #decisions()}). The testkit's own tests use it; users do not.
 *
 * @param stop    true to stop (the other components are then ignored)
 * @param delay   the wait before the next beat; zero or more
 * @param timeout the bound of each attempt; positive
 * @param retries  retransmissions; zero or more
 */
record BeatDecision(boolean stop, Duration delay, Duration timeout, int retries) {

    /** Validates. */
    public BeatDecision {
        Checks.notNegative(delay, "delay");
        Checks.positive(timeout, "timeout");
        Checks.notNegative(retries, "retries");
    }

    /**
     * A beater that makes {@code decisions} in turn, sending {@code first} again each time, and
     * stops when they run out.
     *
     * @param first     the request to repeat; not null
     * @param decisions in order; not null, copied
     */
    public static HeartBeater script(OutgoingRequest first, List<BeatDecision> decisions) {
        Checks.notNull(first, "first");
        List<BeatDecision> copy = List.copyOf(Checks.notNull(decisions, "decisions"));
        int[] next = {0};
        return beat -> {
            int index = next[0]++;
            if (index < copy.size() && !copy.get(index).stop()) {
                BeatDecision decision = copy.get(index);
                beat.send(first, Attempts.of(decision.timeout(), decision.retries()), decision.delay());
            }
        };
    }

    @Override
    public String toString() {
        return stop ? "stop" : "after " + delay + " send (" + timeout + " x" + (retries + 1) + ")";
    }

    /** Decisions: mostly continue after up to 1 min with a 1 s to 30 s timeout and 0 to 3 retries. */
    static Generator<BeatDecision> decisions() {
        Generator<Duration> delays = HeartGens.durations(Duration.ZERO, Duration.ofMinutes(1));
        Generator<Duration> timeouts = HeartGens.durations(Duration.ofSeconds(1), Duration.ofSeconds(30));
        return random -> random.nextInt(16) == 0
                ? new BeatDecision(true, Duration.ZERO, Duration.ofSeconds(1), 0)
                : new BeatDecision(false, delays.generate(random), timeouts.generate(random), random.nextInt(4));
    }
}
