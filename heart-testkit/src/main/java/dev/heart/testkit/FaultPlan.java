package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which faults the {@code mem} transport injects, and how long healthy answers take: request
 * number {@code i} (from 0, in arrival order at one binding) gets {@code script.get(i)}; requests
 * past the script draw from {@code rates} with a {@link Random} seeded with {@code seed}; every
 * answer also takes a {@link Latency} drawn from the same seed. A value: printable, and the same
 * plan replays the same faults and latencies.
 *
 * @param seed    the seed of the random faults and latencies
 * @param script  the faults of the first requests; copied
 * @param rates   the random faults after the script
 * @param latency how long healthy answers take
 */
public record FaultPlan(long seed, List<Fault> script, FaultRates rates, Latency latency) {

    /**
     * Validates and copies.
     *
     * @param seed the seed of the random faults and latencies
     * @param script the faults of the first requests; copied
     * @param rates the random faults after the script
     * @param latency how long healthy answers take
     */
    public FaultPlan {
        script = List.copyOf(Checks.notNull(script, "script"));
        Checks.notNull(rates, "rates");
        Checks.notNull(latency, "latency");
    }

    /**
     * A plan with the {@linkplain Latency#DEFAULT default latency}.
     *
     * @param seed   the seed of the random faults and latencies
     * @param script the faults of the first requests; copied
     * @param rates  the random faults after the script
     */
    public FaultPlan(long seed, List<Fault> script, FaultRates rates) {
        this(seed, script, rates, Latency.DEFAULT);
    }

    /**
     * No fault at all (answers still take the default latency).
     *
     * @return a plan without faults, seed 0
     */
    public static FaultPlan none() {
        return new FaultPlan(0, List.of(), FaultRates.none());
    }

    /**
     * This plan with another latency.
     *
     * @param newLatency how long healthy answers take
     * @return the plan
     */
    public FaultPlan withLatency(Latency newLatency) {
        return new FaultPlan(seed, script, rates, newLatency);
    }

    /**
     * This plan with other random faults after the script.
     *
     * @param newRates the rates
     * @return the plan
     */
    public FaultPlan withRates(FaultRates newRates) {
        return new FaultPlan(seed, script, newRates, latency);
    }

    /**
     * This plan with another script (same seed, rates and latency).
     *
     * @param newScript the faults of the first requests
     * @return the plan
     */
    public FaultPlan withScript(List<Fault> newScript) {
        return new FaultPlan(seed, newScript, rates, latency);
    }

    /**
     * Exactly these faults for the first requests, none after.
     *
     * @param faults the faults of the first requests, in order; no null element
     * @return the plan, seed 0
     */
    public static FaultPlan scripted(Fault... faults) {
        return new FaultPlan(0, List.of(faults), FaultRates.none());
    }

    /**
     * Random faults only, replayable from {@code seed}.
     *
     * @param seed the seed of the random faults and latencies
     * @param rates the probabilities of the faults
     * @return the plan
     */
    public static FaultPlan random(long seed, FaultRates rates) {
        return new FaultPlan(seed, List.of(), rates);
    }

    /**
     * This plan with a healthy request after each fault of the script: no two faults in a row.
     *
     * @return a new plan with the spaced script, same seed, rates and latency
     */
    public FaultPlan spaced() {
        List<Fault> spaced = new ArrayList<>(script.size() * 2);
        for (Fault fault : script) {
            spaced.add(fault);
            if (!fault.isNone()) {
                spaced.add(Fault.none());
            }
        }
        return new FaultPlan(seed, spaced, rates, latency);
    }

    /** A new source of this plan's faults, from the start. Not thread-safe. */
    Source source() {
        return new Source();
    }

    /** Hands out the faults of successive requests. */
    final class Source {
        private final Random random = new Random(seed);
        private final Random latencies = new Random(seed ^ 0x5DEECE66DL);
        private int next;

        Fault next() {
            int index = next++;
            return index < script.size() ? script.get(index) : rates.draw(random);
        }

        Duration latency() {
            return latency.draw(latencies);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FaultPlan[seed=").append(seed).append(", script=[");
        boolean first = true;
        for (int i = 0; i < script.size(); i++) {
            if (!script.get(i).isNone()) {
                text.append(first ? "" : ", ").append('#').append(i).append(' ').append(script.get(i));
                first = false;
            }
        }
        return text.append("] of ")
                .append(script.size())
                .append(", then ")
                .append(rates)
                .append(", ")
                .append(latency)
                .append(']')
                .toString();
    }
}
