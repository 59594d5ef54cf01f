package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * The ready-made {@linkplain Generator generators} of heart's values, the defaults of
 * {@link BeaterCheck}: mostly healthy (most scripted requests meet no fault), short plans, small
 * numbers.
 */
public final class HeartGens {
    private HeartGens() {}

    /**
     * Durations in whole milliseconds within {@code [min, max]}, uniformly.
     *
     * @param min the shortest; not negative
     * @param max the longest; not less than {@code min}
     * @return the generator
     * @throws IllegalArgumentException when {@code max} is less than {@code min}
     */
    public static Generator<Duration> durations(Duration min, Duration max) {
        Checks.notNegative(min, "min");
        Checks.notNull(max, "max");
        long low = min.toMillis();
        long high = max.toMillis();
        if (high < low) {
            throw new IllegalArgumentException("max (" + max + ") must not be less than min (" + min + ")");
        }
        long bound = high == Long.MAX_VALUE ? high : high + 1;
        return random -> Duration.ofMillis(low == high ? low : random.nextLong(low, bound));
    }

    /**
     * Every kind of fault, mostly none: drops, delays up to 20 s, transport errors, rejections,
     * crashes, partitions up to 2 min, slowdowns, pauses up to 2 min.
     *
     * @return the generator
     */
    public static Generator<Fault> faults() {
        Generator<Duration> slowdownBy = durations(Duration.ofMillis(1), Duration.ofSeconds(5));
        Generator<Duration> slowdownFor = durations(Duration.ofSeconds(1), Duration.ofMinutes(2));
        return new Weighted<Fault>()
                .add(12, constant(Fault.none()))
                .add(3, constant(Fault.drop()))
                .add(2, durations(Duration.ofMillis(1), Duration.ofSeconds(20)).map(Fault::delay))
                .add(2, constant(Fault.transportError()))
                .add(1, constant(Fault.reject()))
                .add(1, constant(Fault.crashRestart()))
                .add(1, durations(Duration.ofSeconds(1), Duration.ofMinutes(2)).map(Fault::partition))
                .add(1, random -> Fault.slowdown(slowdownBy.generate(random), slowdownFor.generate(random)))
                .add(1, durations(Duration.ofMillis(1), Duration.ofMinutes(2)).map(Fault::pause));
    }

    /**
     * Drops, crashes and healthy requests only: the faults a registration should survive.
     *
     * @return the generator
     */
    public static Generator<Fault> dropsAndRestarts() {
        return new Weighted<Fault>()
                .add(6, constant(Fault.none()))
                .add(2, constant(Fault.drop()))
                .add(1, constant(Fault.crashRestart()));
    }

    /**
     * Plans of up to 60 scripted faults of every kind, no random ones.
     *
     * @return the generator
     */
    public static Generator<FaultPlan> faultPlans() {
        return faultPlans(faults(), 60);
    }

    /**
     * Plans whose script is a list of up to {@code maxLength} faults from {@code faults}, with a
     * generated seed and no random faults after the script.
     *
     * @param faults the generator of each scripted fault
     * @param maxLength the longest script; zero or more
     * @return the generator
     */
    public static Generator<FaultPlan> faultPlans(Generator<Fault> faults, int maxLength) {
        Checks.notNull(faults, "faults");
        Checks.notNegative(maxLength, "maxLength");
        return random -> {
            int length = random.nextInt(maxLength + 1);
            List<Fault> script = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                script.add(faults.generate(random));
            }
            return new FaultPlan(random.nextLong(0, Long.MAX_VALUE), script, FaultRates.none());
        };
    }

    /**
     * Registries with deadlines from 5 s to 2 min, half of them growing by up to 10 s a beat up to
     * twice the first, capacity 1 to 4, up to 3 candidates.
     *
     * @return the generator
     */
    public static Generator<RegistryConfig> registryConfigs() {
        Generator<Duration> deadlines = durations(Duration.ofSeconds(5), Duration.ofMinutes(2));
        Generator<Duration> steps = new Weighted<Duration>()
                .add(1, constant(Duration.ZERO))
                .add(1, durations(Duration.ZERO, Duration.ofSeconds(10)));
        return random -> {
            Duration deadline = deadlines.generate(random);
            Duration step = steps.generate(random);
            int capacity = random.nextInt(1, 5);
            int candidates = random.nextInt(0, 4);
            return RegistryConfig.of("svc", deadline)
                    .withGrowingDeadline(step, step.isZero() ? deadline : deadline.multipliedBy(2))
                    .withCapacity(capacity)
                    .withCandidates(IntStream.range(0, candidates)
                            .mapToObj(i -> URI.create("mem://candidate-" + i))
                            .toList());
        };
    }

    /**
     * Plans of isolated losses: up to 40 requests, each lost (dropped, failed by the transport) or
     * late (up to 2 s) now and then, every fault followed by {@code healthyAfter} healthy requests.
     *
     * @param healthyAfter healthy requests after each fault; at least 1
     * @return the generator
     */
    public static Generator<FaultPlan> isolatedLosses(int healthyAfter) {
        if (healthyAfter < 1) {
            throw new IllegalArgumentException("healthyAfter must be at least 1, was " + healthyAfter);
        }
        Generator<Fault> losses = new Weighted<Fault>()
                .add(6, constant(Fault.none()))
                .add(3, constant(Fault.drop()))
                .add(1, constant(Fault.transportError()))
                .add(1, durations(Duration.ofMillis(1), Duration.ofSeconds(2)).map(Fault::delay));
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
    public static Generator<FaultPlan> outages(int healthyAfter) {
        if (healthyAfter < 1) {
            throw new IllegalArgumentException("healthyAfter must be at least 1, was " + healthyAfter);
        }
        Generator<Fault> outages = new Weighted<Fault>()
                .add(8, constant(Fault.none()))
                .add(1, constant(Fault.crashRestart()))
                .add(1, constant(Fault.notRegistered()))
                .add(1, durations(Duration.ofSeconds(1), Duration.ofSeconds(90)).map(Fault::partition))
                .add(1, constant(Fault.transportError()));
        return faultPlans(outages, 30).map(plan -> spaced(plan, healthyAfter));
    }

    private static FaultPlan spaced(FaultPlan plan, int healthyAfter) {
        List<Fault> spaced = new ArrayList<>();
        for (Fault fault : plan.script()) {
            spaced.add(fault);
            for (int i = 0; !fault.isNone() && i < healthyAfter; i++) {
                spaced.add(Fault.none());
            }
        }
        return plan.withScript(spaced);
    }

    private static <T> Generator<T> constant(T value) {
        return random -> value;
    }

    /** One of several generators, each chosen with its weight's share of the total. */
    private static final class Weighted<T> implements Generator<T> {
        private final List<Integer> weights = new ArrayList<>();
        private final List<Generator<? extends T>> choices = new ArrayList<>();
        private int total;

        Weighted<T> add(int weight, Generator<? extends T> choice) {
            weights.add(weight);
            choices.add(choice);
            total += weight;
            return this;
        }

        @Override
        public T generate(RandomGenerator random) {
            int pick = random.nextInt(total);
            for (int i = 0; ; i++) {
                pick -= weights.get(i);
                if (pick < 0) {
                    return choices.get(i).generate(random);
                }
            }
        }
    }
}
