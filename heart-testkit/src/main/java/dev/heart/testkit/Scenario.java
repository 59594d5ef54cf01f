package dev.heart.testkit;

import dev.heart.api.Checks;
import dev.heart.api.RegistrantInfo;
import java.time.Duration;

/**
 * One simulated beating: a registrant beats for {@code duration} of virtual time against a
 * {@link FakeRegistry} of {@code registry}, through the {@code mem} transport with {@code faults}.
 * A value: the same scenario and beater replay the same run.
 *
 * @param registry     the registry's configuration; not null
 * @param faults       what goes wrong; not null
 * @param registrant   who beats; not null
 * @param duration     how long it beats before it is stopped; positive
 * @param firstTimeout the bound of each attempt of the first beat; positive
 * @param firstRetryN  retransmissions of the first beat; zero or more
 */
public record Scenario(RegistryConfig registry, FaultPlan faults, RegistrantInfo registrant, Duration duration,
        Duration firstTimeout, int firstRetryN) {

    /** Validates. */
    public Scenario {
        Checks.notNull(registry, "registry");
        Checks.notNull(faults, "faults");
        Checks.notNull(registrant, "registrant");
        Checks.positive(duration, "duration");
        Checks.positive(firstTimeout, "firstTimeout");
        Checks.notNegative(firstRetryN, "firstRetryN");
    }

    /**
     * An hour of beating by registrant {@code "r1"} of the registry's service type, first beat
     * bounded by 1 s with 2 retransmissions.
     */
    public static Scenario of(RegistryConfig registry, FaultPlan faults) {
        return new Scenario(registry, faults, RegistrantInfo.of("r1", Checks.notNull(registry, "registry").serviceType()),
                Duration.ofHours(1), Duration.ofSeconds(1), 2);
    }

    /** This scenario beating for another duration. */
    public Scenario withDuration(Duration newDuration) {
        return new Scenario(registry, faults, registrant, newDuration, firstTimeout, firstRetryN);
    }
}
