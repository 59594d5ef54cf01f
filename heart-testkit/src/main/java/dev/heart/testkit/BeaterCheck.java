package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The property entry point: runs a beater against generated registries and fault plans in
 * virtual time ({@link Simulation}), checks the invariants on every run, and on the first case that
 * fails throws one {@link AssertionError} with its fault plan shrunk (its faults as few and as early
 * as they go), the check's seed that replays it, and the timeline. The cases come from
 * {@link Generator}s drawing from one {@link SplittableRandom} seeded with {@link #seed(long)}.
 *
 * <pre>{@code
 * BeaterCheck.forBeater(first -> new MyBeater(first)).neverExpiresUnderIsolatedLosses();
 * BeaterCheck.forBeater(first -> shared).registrants(3).reRegistersWithin(Duration.ofSeconds(5));
 * BeaterCheck.forBeater(first -> new MyBeater(first)).survives(FaultPlan.scripted(Fault.partition(ofSeconds(40))));
 * }</pre>
 *
 * <p>The ready-made properties are the ready-made beaters' contract (docs/semantics.md §9);
 * {@link #check()} checks the invariants (and {@link #alsoCheck} checks) only. Not thread-safe;
 * each check may be called more than once.
 */
public final class BeaterCheck {
    private final java.util.function.Supplier<BeaterFactory> beaters;
    private Generator<RegistryConfig> registries = HeartGens.registryConfigs();
    private Generator<FaultPlan> faults = HeartGens.faultPlans();
    private RegistryConfig registry = RegistryConfig.of("svc", Duration.ofSeconds(10));
    private int examples = 200;
    private long seed = new SplittableRandom().nextLong();
    private Duration duration = Duration.ofHours(1);
    private int registrants = 1;
    private final List<Consumer<SimulationResult>> checks = new ArrayList<>();

    private BeaterCheck(java.util.function.Supplier<BeaterFactory> beaters) {
        this.beaters = beaters;
    }

    /**
     * A check of the beaters {@code beaters} makes, one per registrant of each case.
     *
     * @param beaters makes a beater, told its registrant's first request
     * @return a new check
     */
    public static BeaterCheck forBeater(BeaterFactory beaters) {
        Checks.notNull(beaters, "beaters");
        return new BeaterCheck(() -> beaters);
    }

    /**
     * A check of one beater instance per case driving every registrant of that case, as one
     * instance on one {@code Heart} drives many (its per-registrant state must be kept per beating).
     *
     * @param beater makes the shared instance of each case
     * @return a new check
     */
    public static BeaterCheck forSharedBeater(java.util.function.Supplier<? extends dev.heart.api.HeartBeater> beater) {
        Checks.notNull(beater, "beater");
        return new BeaterCheck(() -> {
            dev.heart.api.HeartBeater shared = Checks.notNull(beater.get(), "the shared beater");
            return first -> shared;
        });
    }

    /**
     * The registries to try. Default: {@link HeartGens#registryConfigs()}.
     *
     * @param generator makes the registries
     * @return this check
     */
    public BeaterCheck registries(Generator<RegistryConfig> generator) {
        this.registries = Checks.notNull(generator, "generator");
        return this;
    }

    /**
     * The fault plans {@link #check()} tries. Default: {@link HeartGens#faultPlans()}.
     *
     * @param generator makes the fault plans
     * @return this check
     */
    public BeaterCheck faults(Generator<FaultPlan> generator) {
        this.faults = Checks.notNull(generator, "generator");
        return this;
    }

    /**
     * The registry {@link #survives} runs against. Default: {@code RegistryConfig.of("svc", 10 s)}.
     *
     * @param config the registry
     * @return this check
     */
    public BeaterCheck registry(RegistryConfig config) {
        this.registry = Checks.notNull(config, "config");
        return this;
    }

    /**
     * How many cases a generated check runs; default 200.
     *
     * @param count positive
     * @return this check
     */
    public BeaterCheck examples(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("examples must be positive, was " + count);
        }
        this.examples = count;
        return this;
    }

    /**
     * The seed; the same seed generates the same cases. Default: random, printed on failure.
     *
     * @param value the seed
     * @return this check
     */
    public BeaterCheck seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * How long each case beats in virtual time; default 1 hour.
     *
     * @param value positive
     * @return this check
     */
    public BeaterCheck duration(Duration value) {
        this.duration = Checks.positive(value, "duration");
        return this;
    }

    /**
     * How many registrants beat in each case, each asking the factory for its beater; default 1.
     * The registry's capacity is raised to at least this.
     *
     * @param count 1 to 1,000
     * @return this check
     */
    public BeaterCheck registrants(int count) {
        if (count < 1 || count > 1_000) {
            throw new IllegalArgumentException("registrants must be within 1..1000, was " + count);
        }
        this.registrants = count;
        return this;
    }

    /**
     * Another check of every run, beyond the invariants; its failure is reported with the
     * timelines, the shrunk plan and the seed.
     *
     * @param check for instance {@link SimulationResult#assertKeptAlive()}
     * @return this check
     */
    public BeaterCheck alsoCheck(Consumer<SimulationResult> check) {
        checks.add(Checks.notNull(check, "check"));
        return this;
    }

    /**
     * Runs the generated cases and checks the invariants and the {@link #alsoCheck} checks.
     *
     * @throws AssertionError with the shrunk case, the seed and the timeline, when a case fails
     */
    public void check() {
        verify("the invariants", registries, faults, 0, run -> null);
    }

    /**
     * The registration never expires while the only faults are isolated losses (a lost or late
     * request now and then, with healthy ones between): an attempt timeout too long for the
     * lease, or a renewal at the deadline, fail it. (A backoff that never resets may pass it when
     * its cap is short; {@link #resetsBackoffAfterRecovery} catches that.) Generated registries,
     * {@link HeartGens#isolatedLosses(int)}; also checks the invariants and that every beating
     * still runs, registered, at the end.
     *
     * @throws AssertionError with the shrunk plan, the seed and the timeline, when a case fails
     */
    public void neverExpiresUnderIsolatedLosses() {
        verify(
                "never expires under isolated losses",
                registries,
                HeartGens.isolatedLosses(registrants),
                registrants,
                run -> {
                    if (!run.expiries().isEmpty()) {
                        FakeRegistry.Expiry expiry = run.expiries().get(0);
                        return expiry.registrant().id() + " expired at " + Timeline.format(expiry.at())
                                + ", its last accepted beat"
                                + " at " + Timeline.format(expiry.lastBeat()) + "\n"
                                + Registrations.window(
                                        run,
                                        expiry.lastBeat().minusSeconds(1),
                                        expiry.at().plusSeconds(1));
                    }
                    return keptAlive(run);
                });
    }

    /**
     * After every outage (a registry restart that forgets everyone, a registration removed
     * behind its back, a partition shorter or longer than the lease, transport errors), every
     * registrant is registered again within {@code bound} of the registry answering again.
     * Generated registries, {@link HeartGens#outages(int)}; also checks the invariants and that
     * every beating still runs, registered, at the end.
     *
     * @param bound how soon after the recovery; positive (§9 promises 2 s plus an attempt)
     * @throws AssertionError with the shrunk plan, the seed and the timeline, when a case fails
     */
    public void reRegistersWithin(Duration bound) {
        Checks.positive(bound, "bound");
        verify(
                "re-registers within " + Timeline.format(bound),
                registries,
                HeartGens.outages(registrants),
                registrants,
                run -> {
                    String late = Registrations.notReRegistered(run, bound);
                    return late != null ? late : keptAlive(run);
                });
    }

    /**
     * The beater's backoff starts over after each recovery: the wait it chooses after a failed beat
     * with no trouble before it (no failed beat, no rejection) since the start of the beating or
     * since the last accepted answer is at most {@code firstWait} (the first step of its backoff: under 100 ms for the ready-made
     * beaters). A backoff that never resets (its failure streak kept across recoveries) fails it
     * even where its cap is short enough to keep every registration alive. Generated registries,
     * {@link HeartGens#outages(int)}; also checks the invariants and that every beating still runs,
     * registered, at the end.
     *
     * @param firstWait the longest first wait after a recovery; positive
     * @throws AssertionError with the shrunk plan, the seed and the timeline, when a case fails
     */
    public void resetsBackoffAfterRecovery(Duration firstWait) {
        Checks.positive(firstWait, "firstWait");
        verify(
                "resets its backoff after recovery (first wait at most " + Timeline.format(firstWait) + ")",
                registries,
                HeartGens.outages(registrants),
                registrants,
                run -> {
                    String notReset = Backoffs.notReset(run, firstWait);
                    return notReset != null ? notReset : keptAlive(run);
                });
    }

    /**
     * Each plan, run against {@link #registry(RegistryConfig)}: the invariants hold and every
     * beating still runs, registered, at the end.
     *
     * @param plans the plans; at least one
     * @throws AssertionError with the plan shrunk, the timeline, for the first that fails
     */
    public void survives(FaultPlan... plans) {
        Checks.notNull(plans, "plans");
        if (plans.length == 0) {
            throw new IllegalArgumentException("survives needs at least one plan");
        }
        Function<Scenario, @Nullable String> problem = problem(BeaterCheck::keptAlive);
        for (FaultPlan plan : plans) {
            Scenario scenario = scenario(registry, Checks.notNull(plan, "plan"));
            String found = problem.apply(scenario);
            if (found != null) {
                fail("survives " + plan, new Shrinker(problem, 0).shrink(new Shrinker.Failure(scenario, found)), false);
            }
        }
    }

    /** Null when every beating still ran, registered, at the stop; else which did not, with its last events. */
    private static @Nullable String keptAlive(SimulationResult run) {
        for (SimulationResult.BeatingResult beating : run.beatings()) {
            if (!beating.runningAtStop() || !beating.aliveAtStop()) {
                return beating.registrant().id() + ": at the end (" + Timeline.format(run.stoppedAt())
                        + ") its beating was "
                        + (beating.runningAtStop() ? "running" : "over") + " and its registration "
                        + (beating.aliveAtStop() ? "held" : "gone") + "; its last events:\n"
                        + beating.timeline().tail(20);
            }
        }
        return null;
    }

    private void verify(
            String property,
            Generator<RegistryConfig> configs,
            Generator<FaultPlan> plans,
            int healthyAfter,
            Function<SimulationResult, @Nullable String> extra) {
        Function<Scenario, @Nullable String> problem = problem(extra);
        SplittableRandom cases = new SplittableRandom(seed);
        for (int i = 0; i < examples; i++) {
            SplittableRandom random = cases.split();
            RegistryConfig config = Checks.notNull(configs.generate(random), "a generated registry");
            FaultPlan plan = Checks.notNull(plans.generate(random), "a generated fault plan");
            Scenario scenario = scenario(config, plan);
            String found = problem.apply(scenario);
            if (found != null) {
                fail(property, new Shrinker(problem, healthyAfter).shrink(new Shrinker.Failure(scenario, found)), true);
            }
        }
    }

    private Scenario scenario(RegistryConfig config, FaultPlan plan) {
        RegistryConfig roomy = config.capacity() >= registrants ? config : config.withCapacity(registrants);
        return new Scenario(roomy, plan, registrants, duration, Duration.ofSeconds(1), 2);
    }

    /** What fails in a scenario (the invariants, the property, the user's checks), or null. */
    private Function<Scenario, @Nullable String> problem(Function<SimulationResult, @Nullable String> property) {
        return scenario -> {
            SimulationResult run;
            try {
                run = Simulation.run(scenario, beaters.get());
            } catch (AssertionError e) {
                return e.getMessage();
            } catch (RuntimeException e) {
                return "the simulation threw " + e;
            }
            for (SimulationResult.BeatingResult beating : run.beatings()) {
                try {
                    Invariants.assertTimeline(beating.timeline());
                    Invariants.noUnexplainedGap(run, beating.registrant().id());
                } catch (AssertionError e) {
                    String message = String.valueOf(e.getMessage());
                    return message.startsWith(beating.registrant().id() + ":")
                            ? message
                            : beating.registrant().id() + ": " + message;
                }
            }
            String found = property.apply(run);
            if (found != null) {
                return found;
            }
            for (Consumer<SimulationResult> check : checks) {
                try {
                    check.accept(run);
                } catch (AssertionError e) {
                    return "alsoCheck failed: " + e.getMessage() + "\n" + Reports.timelines(run);
                }
            }
            return null;
        };
    }

    private void fail(String property, Shrinker.Failure failure, boolean generated) {
        throw new AssertionError(Reports.failure(property, failure, generated ? seed : null));
    }
}
