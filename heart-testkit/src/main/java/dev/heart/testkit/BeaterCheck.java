package dev.heart.testkit;

import static org.quicktheories.QuickTheory.qt;

import dev.heart.api.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.quicktheories.core.Gen;

/**
 * The property entry point: runs a user's beater against generated registries and fault plans in
 * virtual time ({@link Simulation}), checks the invariants on every run, and on failure throws an
 * {@link AssertionError} with the shrunk registry and fault plan and the seed that reproduces it.
 *
 * <pre>{@code
 * BeaterCheck.forBeater(first -> new MyBeater(first)).examples(1000).check();
 * }</pre>
 *
 * <p>Not thread-safe; {@link #check()} may be called more than once.
 */
public final class BeaterCheck {
    private final BeaterFactory beaters;
    private Gen<RegistryConfig> registries = HeartGens.registryConfigs();
    private Gen<FaultPlan> faults = HeartGens.faultPlans();
    private int examples = 1000;
    private long seed = new SplittableRandom().nextLong();
    private Duration duration = Duration.ofHours(1);
    private final List<Consumer<SimulationResult>> checks = new ArrayList<>();

    private BeaterCheck(BeaterFactory beaters) {
        this.beaters = beaters;
    }

    /** A check of the beaters {@code beaters} makes, one per generated case. */
    public static BeaterCheck forBeater(BeaterFactory beaters) {
        return new BeaterCheck(Checks.notNull(beaters, "beaters"));
    }

    /** The registries to try. Default: {@link HeartGens#registryConfigs()}. */
    public BeaterCheck registries(Gen<RegistryConfig> generator) {
        this.registries = Checks.notNull(generator, "generator");
        return this;
    }

    /** The fault plans to try. Default: {@link HeartGens#faultPlans()}. */
    public BeaterCheck faults(Gen<FaultPlan> generator) {
        this.faults = Checks.notNull(generator, "generator");
        return this;
    }

    /** How many cases; positive. Default 1000. */
    public BeaterCheck examples(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("examples must be positive, was " + count);
        }
        this.examples = count;
        return this;
    }

    /** The QuickTheories seed; the same seed generates the same cases. Default: random, printed on failure. */
    public BeaterCheck seed(long value) {
        this.seed = value;
        return this;
    }

    /** How long each case beats in virtual time; positive. Default 1 hour. */
    public BeaterCheck duration(Duration value) {
        this.duration = Checks.positive(value, "duration");
        return this;
    }

    /** Another check of every run, beyond the invariants, for instance {@link SimulationResult#assertKeptAlive()}. */
    public BeaterCheck alsoCheck(Consumer<SimulationResult> check) {
        checks.add(Checks.notNull(check, "check"));
        return this;
    }

    /**
     * Runs the cases.
     *
     * @throws AssertionError with the shrunk registry and fault plan and the seed, when a case fails
     */
    public void check() {
        try {
            qt().withExamples(examples).withFixedSeed(seed).withShrinkCycles(2000)
                    .forAll(registries, faults)
                    .checkAssert((registry, plan) -> runCase(Scenario.of(registry, plan).withDuration(duration)));
        } catch (AssertionError e) {
            throw new AssertionError("beater check failed; replay with .seed(" + seed + "L). Shrunk case and cause:\n"
                    + e.getMessage(), e);
        }
    }

    private void runCase(Scenario scenario) {
        try {
            SimulationResult result = Simulation.run(scenario, beaters);
            result.assertInvariants();
            checks.forEach(check -> check.accept(result));
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError("in " + scenario + ": " + e, e);
        }
    }
}
