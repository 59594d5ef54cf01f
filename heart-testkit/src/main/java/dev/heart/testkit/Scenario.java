package dev.heart.testkit;

import dev.heart.api.RegistrantInfo;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One simulation: {@code registrants} registrants ({@code r1}, {@code r2}, ... of the registry's
 * service type) beat for {@code duration} of virtual time against a {@link FakeRegistry} of
 * {@code registry}, through the {@code mem} transport with {@code faults}. A value: the same
 * scenario and beater replay the same run. Built by {@link Simulation#builder(BeaterFactory)}.
 *
 * @param registry     the registry's configuration
 * @param faults       what goes wrong, and the network's latency
 * @param registrants  how many registrants beat, each its own beating; 1 to 1,000
 * @param duration     how long they beat before they are stopped; positive
 * @param firstTimeout the bound of each attempt of the first beat; positive
 * @param firstRetries  retransmissions of the first beat; zero or more
 */
public record Scenario(
        RegistryConfig registry,
        FaultPlan faults,
        int registrants,
        Duration duration,
        Duration firstTimeout,
        int firstRetries) {

    /**
     * Validates.
     *
     * @param registry the registry's configuration
     * @param faults what goes wrong, and the network's latency
     * @param registrants how many registrants beat, each its own beating; 1 to 1,000
     * @param duration how long they beat before they are stopped; positive
     * @param firstTimeout the bound of each attempt of the first beat; positive
     * @param firstRetries retransmissions of the first beat; zero or more
     */
    public Scenario {
        Checks.notNull(registry, "registry");
        Checks.notNull(faults, "faults");
        if (registrants < 1 || registrants > 1_000) {
            throw new IllegalArgumentException("registrants must be within 1..1000, was " + registrants);
        }
        Checks.positive(duration, "duration");
        Checks.positive(firstTimeout, "firstTimeout");
        Checks.notNegative(firstRetries, "firstRetries");
    }

    /**
     * An hour of beating by one registrant, first beat bounded by 1 s with 2 retransmissions.
     *
     * @param registry the registry's configuration
     * @param faults   what goes wrong
     * @return the scenario
     */
    public static Scenario of(RegistryConfig registry, FaultPlan faults) {
        return new Scenario(registry, faults, 1, Duration.ofHours(1), Duration.ofSeconds(1), 2);
    }

    /**
     * The registrants, {@code r1} to {@code rN}, of the registry's service type.
     *
     * @return the registrants; never empty
     */
    public List<RegistrantInfo> registrantInfos() {
        return IntStream.rangeClosed(1, registrants)
                .mapToObj(i -> RegistrantInfo.of("r" + i, registry.serviceType()))
                .toList();
    }

    /**
     * This scenario with other faults.
     *
     * @param newFaults the plan
     * @return the scenario
     */
    public Scenario withFaults(FaultPlan newFaults) {
        return new Scenario(registry, newFaults, registrants, duration, firstTimeout, firstRetries);
    }

    /**
     * This scenario beating for another duration.
     *
     * @param newDuration positive
     * @return the scenario
     */
    public Scenario withDuration(Duration newDuration) {
        return new Scenario(registry, faults, registrants, newDuration, firstTimeout, firstRetries);
    }

    @Override
    public String toString() {
        return "Scenario[" + registrants + (registrants == 1 ? " registrant" : " registrants") + " for "
                + Timeline.format(duration) + " against " + registry + ", " + faults + "]";
    }
}
