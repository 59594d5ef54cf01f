package dev.heart.testkit;

import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.Recovery;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ready-made beaters keep their contract (docs/semantics.md §9) under the testkit's
 * ready-made properties, one instance driving three registrants, with their jitter seeded.
 */
class ReadyMadeBeatersTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final FaultPlan[] OUTAGES = {
        FaultPlan.scripted(Fault.partition(Duration.ofSeconds(20))), // down at start
        FaultPlan.scripted(
                Fault.none(), Fault.none(), Fault.partition(Duration.ofSeconds(3))), // shorter than the lease
        FaultPlan.scripted(
                Fault.none(), Fault.none(), Fault.partition(Duration.ofSeconds(40))), // longer than the lease
        FaultPlan.scripted(Fault.none(), Fault.none(), Fault.none(), Fault.crashRestart()), // restart forgets all
        FaultPlan.scripted(Fault.none(), Fault.none(), Fault.none(), Fault.notRegistered()), // removed behind its back
    };

    private static BeaterCheck check(java.util.function.Supplier<dev.heart.api.HeartBeater> beater) {
        return BeaterCheck.forSharedBeater(beater)
                .registrants(3)
                .examples(40)
                .seed(5L)
                .duration(Duration.ofMinutes(30));
    }

    private static void keepsTheContract(java.util.function.Supplier<dev.heart.api.HeartBeater> beater) {
        check(beater).neverExpiresUnderIsolatedLosses();
        check(beater).reRegistersWithin(BOUND);
        check(beater).survives(OUTAGES);
    }

    @Test
    void leaseFollowingBeater() {
        keepsTheContract(() -> LeaseFollowingBeater.builder()
                .recovery(Recovery.builder().random(new SplittableRandom(1)).build())
                .build());
    }

    @Test
    void fixedRateBeater() {
        keepsTheContract(() -> FixedRateBeater.builder(Duration.ofSeconds(1))
                .recovery(Recovery.builder().random(new SplittableRandom(1)).build())
                .build());
    }

    @Test
    void failoverBeaterOverALeaseFollowingBeaterWithOneRegistry() {
        check(() -> FailoverBeater.builder(LeaseFollowingBeater.builder()
                                .recovery(Recovery.builder()
                                        .random(new SplittableRandom(1))
                                        .build())
                                .build())
                        .recovery(Recovery.builder()
                                .random(new SplittableRandom(2))
                                .build())
                        .build())
                .survives(OUTAGES);
    }
}
