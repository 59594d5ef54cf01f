package dev.heart.testkit;

import static org.quicktheories.generators.SourceDSL.lists;

import dev.heart.testkit.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for heart's values. They shrink toward the healthy and simple: no
 * fault, short plans, fixed deadlines, small numbers.
 */
public final class HeartGens {
    private HeartGens() {}

    /**
     * Durations in whole milliseconds within {@code [min, max]}, shrinking toward {@code min}.
     *
     * @param min the shortest; not null, not negative
     * @param max the longest; not null, not less than {@code min}
     * @return the generator; never null
     */
    public static Gen<Duration> durations(Duration min, Duration max) {
        Checks.notNegative(min, "min");
        Checks.notNull(max, "max");
        return Generate.longRange(min.toMillis(), max.toMillis()).map(Duration::ofMillis);
    }

    /**
     * Every kind of fault, mostly none: drops, delays up to 20 s, transport errors, rejections,
     * crashes, partitions up to 2 min, slowdowns, pauses up to 2 min.
     *
     * @return the generator; never null
     */
    public static Gen<Fault> faults() {
        return Generate.frequency(List.of(
                Pair.of(12, Generate.constant(Fault.none())),
                Pair.of(3, Generate.constant(Fault.drop())),
                Pair.of(
                        2,
                        durations(Duration.ofMillis(1), Duration.ofSeconds(20)).map(Fault::delay)),
                Pair.of(2, Generate.constant(Fault.transportError())),
                Pair.of(1, Generate.constant(Fault.reject())),
                Pair.of(1, Generate.constant(Fault.crashRestart())),
                Pair.of(
                        1,
                        durations(Duration.ofSeconds(1), Duration.ofMinutes(2)).map(Fault::partition)),
                Pair.of(
                        1,
                        durations(Duration.ofMillis(1), Duration.ofSeconds(5))
                                .zip(durations(Duration.ofSeconds(1), Duration.ofMinutes(2)), Fault::slowdown)),
                Pair.of(
                        1,
                        durations(Duration.ofMillis(1), Duration.ofMinutes(2)).map(Fault::pause))));
    }

    /**
     * Drops, crashes and healthy requests only: the faults a registration should survive.
     *
     * @return the generator; never null
     */
    public static Gen<Fault> dropsAndRestarts() {
        return Generate.frequency(List.of(
                Pair.of(6, Generate.constant(Fault.none())),
                Pair.of(2, Generate.constant(Fault.drop())),
                Pair.of(1, Generate.constant(Fault.crashRestart()))));
    }

    /**
     * Plans of up to 60 scripted faults of every kind, no random ones.
     *
     * @return the generator; never null
     */
    public static Gen<FaultPlan> faultPlans() {
        return faultPlans(faults(), 60);
    }

    /**
     * Plans whose script is a list of up to {@code maxLength} faults from {@code faults}, with a
     * generated seed and no random faults after the script.
     *
     * @param faults the generator of each scripted fault; not null
     * @param maxLength the longest script; zero or more
     * @return the generator; never null
     */
    public static Gen<FaultPlan> faultPlans(Gen<Fault> faults, int maxLength) {
        Checks.notNull(faults, "faults");
        Checks.notNegative(maxLength, "maxLength");
        return lists().of(faults)
                .ofSizeBetween(0, maxLength)
                .zip(
                        Generate.longRange(0, Long.MAX_VALUE),
                        (script, seed) -> new FaultPlan(seed, script, FaultRates.none()));
    }

    /**
     * Registries with deadlines from 5 s to 2 min, half of them growing by up to 10 s a beat up to
     * twice the first, capacity 1 to 4, up to 3 candidates.
     *
     * @return the generator; never null
     */
    public static Gen<RegistryConfig> registryConfigs() {
        Gen<Duration> deadlines = durations(Duration.ofSeconds(5), Duration.ofMinutes(2));
        Gen<Duration> steps = Generate.frequency(List.of(
                Pair.of(1, Generate.constant(Duration.ZERO)),
                Pair.of(1, durations(Duration.ZERO, Duration.ofSeconds(10)))));
        return deadlines.zip(
                steps,
                Generate.range(1, 4),
                Generate.range(0, 3),
                (deadline, step, capacity, candidates) -> RegistryConfig.of("svc", deadline)
                        .withGrowingDeadline(step, step.isZero() ? deadline : deadline.multipliedBy(2))
                        .withCapacity(capacity)
                        .withCandidates(java.util.stream.IntStream.range(0, candidates)
                                .mapToObj(i -> URI.create("mem://candidate-" + i))
                                .toList()));
    }

    /**
     * Plans of isolated losses: up to 40 requests, each lost (dropped, failed by the transport) or
     * late (up to 2 s) now and then, every fault followed by {@code healthyAfter} healthy requests.
     *
     * @param healthyAfter healthy requests after each fault; at least 1
     * @return the generator
     */
    public static Gen<FaultPlan> isolatedLosses(int healthyAfter) {
        if (healthyAfter < 1) {
            throw new IllegalArgumentException("healthyAfter must be at least 1, was " + healthyAfter);
        }
        Gen<Fault> losses = Generate.frequency(List.of(
                Pair.of(6, Generate.constant(Fault.none())),
                Pair.of(3, Generate.constant(Fault.drop())),
                Pair.of(1, Generate.constant(Fault.transportError())),
                Pair.of(
                        1,
                        durations(Duration.ofMillis(1), Duration.ofSeconds(2)).map(Fault::delay))));
        return faultPlans(losses, 40).map(plan -> spaced(plan, healthyAfter));
    }

    /**
     * Plans of outages the ready-made beaters must ride through (docs/semantics.md §9): up to 30
     * requests among which registry restarts that forget everyone, registrations removed behind
     * the registrant's back ("not registered"), partitions of 1 s to 90 s (shorter and longer than
     * the lease) and transport errors, each followed by {@code healthyAfter} healthy requests.
     *
     * @param healthyAfter healthy requests after each fault; at least 1
     * @return the generator
     */
    public static Gen<FaultPlan> outages(int healthyAfter) {
        if (healthyAfter < 1) {
            throw new IllegalArgumentException("healthyAfter must be at least 1, was " + healthyAfter);
        }
        Gen<Fault> outages = Generate.frequency(List.of(
                Pair.of(8, Generate.constant(Fault.none())),
                Pair.of(1, Generate.constant(Fault.crashRestart())),
                Pair.of(1, Generate.constant(Fault.notRegistered())),
                Pair.of(
                        1,
                        durations(Duration.ofSeconds(1), Duration.ofSeconds(90)).map(Fault::partition)),
                Pair.of(1, Generate.constant(Fault.transportError()))));
        return faultPlans(outages, 30).map(plan -> spaced(plan, healthyAfter));
    }

    private static FaultPlan spaced(FaultPlan plan, int healthyAfter) {
        List<Fault> spaced = new java.util.ArrayList<>();
        for (Fault fault : plan.script()) {
            spaced.add(fault);
            for (int i = 0; !fault.isNone() && i < healthyAfter; i++) {
                spaced.add(Fault.none());
            }
        }
        return plan.withScript(spaced);
    }
}
