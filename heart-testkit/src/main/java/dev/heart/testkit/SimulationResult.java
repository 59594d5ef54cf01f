package dev.heart.testkit;

import dev.heart.api.RegistrantInfo;
import dev.heart.engine.Beating;
import dev.heart.engine.Health;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link Simulation} saw: the registry (still readable, on the simulation's idle clock),
 * each beating's state at the stop and its timeline, and every delivery with its fault.
 *
 * @param scenario   what ran
 * @param registry   the registry the beatings beat against
 * @param beatings   one per registrant, in registrant order; copied
 * @param deliveries every request with the fault it met; copied
 * @param stoppedAt  when the beatings were stopped (the end of the scenario's duration)
 */
public record SimulationResult(
        Scenario scenario,
        FakeRegistry registry,
        List<BeatingResult> beatings,
        List<Delivery> deliveries,
        Duration stoppedAt) {

    /**
     * Validates and copies.
     *
     * @param scenario what ran
     * @param registry the registry the beatings beat against
     * @param beatings one per registrant, in registrant order; copied
     * @param deliveries every request with the fault it met; copied
     * @param stoppedAt when the beatings were stopped (the end of the scenario's duration)
     */
    public SimulationResult {
        Checks.notNull(scenario, "scenario");
        Checks.notNull(registry, "registry");
        beatings = List.copyOf(Checks.notNull(beatings, "beatings"));
        deliveries = List.copyOf(Checks.notNull(deliveries, "deliveries"));
        Checks.notNull(stoppedAt, "stoppedAt");
    }

    /**
     * One registrant's beating.
     *
     * @param registrant    who beat
     * @param timeline      what its beating did, up to its end after the stop
     * @param stateAtStop   its state just before it was stopped
     * @param healthAtStop  its health just before it was stopped
     * @param runningAtStop whether it was still running then
     * @param aliveAtStop   whether the registry held its registration then
     */
    public record BeatingResult(
            RegistrantInfo registrant,
            Timeline timeline,
            Beating.State stateAtStop,
            Health healthAtStop,
            boolean runningAtStop,
            boolean aliveAtStop) {

        BeatingResult withTimeline(Timeline newTimeline) {
            return new BeatingResult(registrant, newTimeline, stateAtStop, healthAtStop, runningAtStop, aliveAtStop);
        }
    }

    /**
     * The timeline of the first registrant's beating.
     *
     * @return the timeline
     */
    public Timeline timeline() {
        return beatings.get(0).timeline();
    }

    /**
     * What the registry saw, {@link FakeRegistry#arrivals()}.
     *
     * @return the arrivals, in order
     */
    public List<FakeRegistry.Arrival> arrivals() {
        return registry.arrivals();
    }

    /**
     * Whom the registry dropped for missing a deadline, {@link FakeRegistry#expiries()}.
     *
     * @return the expiries, in order
     */
    public List<FakeRegistry.Expiry> expiries() {
        return registry.expiries();
    }

    /**
     * Checks the invariants of every beating: {@link Invariants#assertTimeline} and
     * {@link Invariants#noUnexplainedGap} up to the stop while it ran.
     *
     * @throws AssertionError naming the scenario, the registrant and what broke
     */
    public void assertInvariants() {
        for (BeatingResult beating : beatings) {
            try {
                Invariants.assertTimeline(beating.timeline());
                Invariants.noUnexplainedGap(this, beating.registrant().id());
            } catch (AssertionError e) {
                throw new AssertionError(beating.registrant().id() + " in " + scenario + ":\n" + e.getMessage(), e);
            }
        }
    }

    /**
     * Checks that every beating was still running at the stop with its registration held.
     *
     * @throws AssertionError naming the first that was not, with its timeline
     */
    public void assertKeptAlive() {
        for (BeatingResult beating : beatings) {
            if (!beating.runningAtStop() || !beating.aliveAtStop()) {
                throw new AssertionError(beating.registrant().id() + " in " + scenario + ": at "
                        + Timeline.format(stoppedAt) + " its beating was "
                        + (beating.runningAtStop() ? "running" : "over")
                        + " and its registration " + (beating.aliveAtStop() ? "held" : "gone") + "; timeline:\n"
                        + beating.timeline().tail(25));
            }
        }
    }
}
