package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.Random;

/**
 * How long the simulated network takes to answer a healthy request: a duration drawn uniformly
 * from {@code [min, max]} for each request, from the fault plan's seed, so a plan replays the same
 * latencies. A beater that renews exactly at its deadline, or whose attempt timeout leaves no room
 * for the answer, fails against it as it would against a real network.
 *
 * @param min the shortest answer; not negative
 * @param max the longest answer; not less than {@code min}
 */
public record Latency(Duration min, Duration max) {
    /** The default of every fault plan: 1 ms to 20 ms, a loaded LAN. */
    public static final Latency DEFAULT = new Latency(Duration.ofMillis(1), Duration.ofMillis(20));

    /**
     * Validates.
     *
     * @param min the shortest answer; not negative
     * @param max the longest answer; not less than {@code min}
     */
    public Latency {
        Checks.notNegative(min, "min");
        Checks.notNull(max, "max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max must not be less than min " + min + ", was " + max);
        }
    }

    /**
     * No latency: every answer at once (the testkit's behaviour before latency existed).
     *
     * @return zero to zero
     */
    public static Latency none() {
        return new Latency(Duration.ZERO, Duration.ZERO);
    }

    /**
     * A latency between the two bounds.
     *
     * @param min the shortest; not negative
     * @param max the longest; not less than {@code min}
     * @return the latency
     */
    public static Latency between(Duration min, Duration max) {
        return new Latency(min, max);
    }

    /** One request's latency, drawn from {@code random}. */
    Duration draw(Random random) {
        long span = max.toNanos() - min.toNanos();
        return span == 0 ? min : min.plusNanos((long) (random.nextDouble() * (span + 1)));
    }

    @Override
    public String toString() {
        return min.equals(max)
                ? "latency " + Timeline.format(min)
                : "latency " + Timeline.format(min) + ".." + Timeline.format(max);
    }
}
