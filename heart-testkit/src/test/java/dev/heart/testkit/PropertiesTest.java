package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine against fake registries, generated; each property runs 1000 cases. */
class PropertiesTest {

    @Test
    void aDeadlineKeepingBeaterKeepsEveryInvariantUnderEveryFault() {
        BeaterCheck.forBeater(Beaters::keeping).examples(1000).seed(1L).check();
    }

    @Test
    void theEngineKeepsItsInvariantsForAnyBeaterDecisions() {
        qt().withExamples(1000).withFixedSeed(2L)
                .forAll(HeartGens.registryConfigs(), HeartGens.faultPlans(), lists().of(HeartGens.beatDecisions()).ofSizeBetween(0, 25))
                .checkAssert((registry, plan, decisions) -> {
                    SimulationResult run = Simulation.run(Scenario.of(registry, plan).withDuration(Duration.ofMinutes(30)),
                            first -> BeatDecision.script(first, decisions));
                    Invariants.assertTimeline(run.timeline());
                });
    }

    @Test
    void aBeaterThatIgnoresTheDeadlineIsCaughtWithAShrunkPlanAndItsSeed() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> BeaterCheck.forBeater(Beaters::ignoringTheDeadline).examples(1000).seed(3L).check());
        String message = failure.getMessage();
        assertTrue(message.contains("replay with .seed(3L)"), message);
        assertTrue(message.contains("Smallest found falsifying value"), message);
        assertTrue(message.contains("FaultPlan[seed="), message);
        assertTrue(message.contains("script=[] of 0"), "the plan shrinks to no fault at all:\n" + message);
        assertTrue(message.contains("more than the deadline"), message);
    }
}
