package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine against fake registries, generated; each property runs 1000 cases. */
class PropertiesTest {

    @Test
    void aDeadlineKeepingBeaterKeepsEveryInvariantUnderEveryFault() {
        AtomicInteger cases = new AtomicInteger();
        BeaterCheck.forBeater(first -> {
                    cases.incrementAndGet();
                    return Beaters.keeping(first);
                })
                .examples(1000)
                .seed(1L)
                .check();
        assertTrue(cases.get() >= 1000, "ran " + cases.get() + " cases");
    }

    @Test
    void theEngineKeepsItsInvariantsForAnyBeaterDecisions() {
        AtomicInteger cases = new AtomicInteger();
        Generator<RegistryConfig> registries = HeartGens.registryConfigs();
        Generator<FaultPlan> plans = HeartGens.faultPlans();
        Generator<BeatDecision> decisions = BeatDecision.decisions();
        SplittableRandom random = new SplittableRandom(2L);
        for (int i = 0; i < 1010; i++) {
            RegistryConfig registry = registries.generate(random);
            FaultPlan plan = plans.generate(random);
            List<BeatDecision> script = new ArrayList<>();
            for (int n = random.nextInt(26); n > 0; n--) {
                script.add(decisions.generate(random));
            }
            SimulationResult run = Simulation.run(
                    Scenario.of(registry, plan).withDuration(Duration.ofMinutes(30)),
                    first -> BeatDecision.script(first, script));
            Invariants.assertTimeline(run.timeline());
            cases.incrementAndGet();
        }
        assertTrue(cases.get() >= 1000, "ran " + cases.get() + " cases");
    }

    @Test
    void aBeaterThatIgnoresTheDeadlineIsCaughtWithAShrunkPlanAndItsSeed() {
        AssertionError failure = assertThrows(
                AssertionError.class,
                () -> BeaterCheck.forBeater(Beaters::ignoringTheDeadline)
                        .examples(1000)
                        .seed(3L)
                        .check());
        String message = failure.getMessage();
        assertTrue(message.contains("replay with .seed(3L)"), message);
        assertTrue(message.contains("FaultPlan[seed="), message);
        assertTrue(message.contains("script=[] of 0"), "the plan shrinks to no fault at all:\n" + message);
        assertTrue(message.contains("more than the deadline"), message);
    }
}
