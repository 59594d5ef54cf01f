package dev.heart.testkit;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link Simulation} saw, frozen when it ended.
 *
 * @param scenario     what ran
 * @param timeline     the beating's recorded timeline
 * @param arrivals     what the registry saw
 * @param expiries     whom the registry dropped for missing a deadline
 * @param deliveries   every request with the fault it met
 * @param stoppedAt    when the beating was stopped (the end of the scenario's duration)
 * @param runningAtStop whether the beating was still running then
 * @param aliveAtStop  whether the registrant was alive in the registry then
 */
public record SimulationResult(Scenario scenario, Timeline timeline, List<FakeRegistry.Arrival> arrivals,
        List<FakeRegistry.Expiry> expiries, List<Delivery> deliveries, Duration stoppedAt, boolean runningAtStop,
        boolean aliveAtStop) {

    /** Copies the lists. */
    public SimulationResult {
        arrivals = List.copyOf(arrivals);
        expiries = List.copyOf(expiries);
        deliveries = List.copyOf(deliveries);
    }

    /**
     * Checks the invariants: {@link Invariants#assertTimeline} and
     * {@link Invariants#noGapExceedsDeadline} up to the stop while the beating ran.
     *
     * @throws AssertionError naming the scenario and what broke
     */
    public void assertInvariants() {
        try {
            Invariants.assertTimeline(timeline);
            Invariants.noGapExceedsDeadline(arrivals, deliveries, scenario.registrant().id(),
                    runningAtStop ? stoppedAt : null);
        } catch (AssertionError e) {
            throw new AssertionError("in " + scenario + ":\n" + e.getMessage(), e);
        }
    }

    /**
     * Checks that the beating was still running at the stop with the registrant alive.
     *
     * @throws AssertionError when not
     */
    public void assertKeptAlive() {
        if (!runningAtStop || !aliveAtStop) {
            throw new AssertionError("in " + scenario + ": at " + stoppedAt + " the beating was "
                    + (runningAtStop ? "running" : "over") + " and the registrant " + (aliveAtStop ? "alive" : "gone")
                    + "; timeline:\n" + timeline.tail(25));
        }
    }
}
