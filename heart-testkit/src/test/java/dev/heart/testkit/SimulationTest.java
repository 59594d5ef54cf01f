package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.BeatFailedException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Whole beatings in virtual time, each with a scripted fault plan. */
class SimulationTest {
    private static final RegistryConfig THIRTY_SECONDS = RegistryConfig.of("svc", Duration.ofSeconds(30));
    private static final FaultPlan INSTANT = FaultPlan.none().withLatency(Latency.none());

    @Test
    void anHourOfBeatsEvery10SecondsRunsDeterministically() {
        SimulationResult run = Simulation.run(Scenario.of(THIRTY_SECONDS, INSTANT), Beaters::keeping);
        run.assertInvariants();
        run.assertKeptAlive();
        assertEquals(
                361,
                run.arrivals().stream().filter(FakeRegistry.Arrival::accepted).count(),
                "one at 0, then every 10 s");
        assertEquals(Duration.ofHours(1), run.stoppedAt());
        assertInstanceOf(
                CancellationException.class,
                run.timeline().outcome().orElseThrow().failure());
        assertTrue(run.arrivals().get(run.arrivals().size() - 1).request().disconnect(), "stop sends a disconnect");
        SimulationResult again = Simulation.run(Scenario.of(THIRTY_SECONDS, INSTANT), Beaters::keeping);
        assertEquals(run.timeline().events().size(), again.timeline().events().size());
        assertEquals(
                run.arrivals().stream().map(FakeRegistry.Arrival::at).toList(),
                again.arrivals().stream().map(FakeRegistry.Arrival::at).toList());
    }

    @Test
    void aBeatWhoseAttemptsAllFailEndsTheBeatingWithEveryCause() {
        FaultPlan plan =
                FaultPlan.scripted(Fault.none(), Fault.drop(), Fault.transportError(), Fault.drop(), Fault.drop());
        SimulationResult run = Simulation.run(Scenario.of(THIRTY_SECONDS, plan), Beaters::keeping);
        run.assertInvariants();
        BeatFailedException failure = assertInstanceOf(
                BeatFailedException.class,
                run.timeline().outcome().orElseThrow().failure());
        assertEquals(4, failure.causes().size(), "retries 3: four attempts");
        assertEquals(1, run.timeline().ofType(Event.Disconnected.class).size());
        assertFalse(run.beatings().get(0).runningAtStop());
    }

    @Test
    void aCrashRestartIsSurvivedByRegisteringAgain() {
        FaultPlan plan = FaultPlan.scripted(Fault.none(), Fault.none(), Fault.crashRestart());
        SimulationResult run =
                Simulation.run(Scenario.of(THIRTY_SECONDS, plan).withDuration(Duration.ofMinutes(5)), Beaters::keeping);
        run.assertInvariants();
        run.assertKeptAlive();
        assertEquals(1, run.timeline().ofType(Event.AttemptFailed.class).size());
    }

    @Test
    void aPauseLongerThanTheDeadlineExpiresTheRegistrantAndIsExcused() {
        FaultPlan plan = FaultPlan.scripted(Fault.none(), Fault.none(), Fault.pause(Duration.ofMinutes(2)))
                .withLatency(Latency.none());
        SimulationResult run = Simulation.run(
                Scenario.of(THIRTY_SECONDS, plan).withDuration(Duration.ofMinutes(10)), Beaters::keeping);
        run.assertInvariants();
        run.assertKeptAlive();
        assertEquals(1, run.expiries().size());
        assertEquals(
                Duration.ofSeconds(40),
                run.expiries().get(0).at(),
                "the paused request is #2: last beat at 10 s + 30 s");
    }

    @Test
    void partitionsSlowdownsDelaysAndRejectionsKeepTheInvariants() {
        FaultPlan plan = FaultPlan.scripted(
                Fault.none(),
                Fault.slowdown(Duration.ofMillis(500), Duration.ofSeconds(30)),
                Fault.none(),
                Fault.none(),
                Fault.reject(),
                Fault.delay(Duration.ofSeconds(2)),
                Fault.none(),
                Fault.partition(Duration.ofSeconds(5)),
                Fault.none());
        SimulationResult run = Simulation.run(
                Scenario.of(THIRTY_SECONDS, plan).withDuration(Duration.ofMinutes(10)), Beaters::keeping);
        run.assertInvariants();
        assertTrue(run.deliveries().stream().anyMatch(d -> d.fault() instanceof Fault.Slowdown));
        assertTrue(
                run.deliveries().stream()
                                .filter(d -> d.fault() instanceof Fault.Partition)
                                .count()
                        >= 2,
                "requests within the partition are lost too");
    }

    @Test
    void aBeaterThatIgnoresTheDeadlineBreaksTheGapInvariant() {
        SimulationResult run = Simulation.run(
                Scenario.of(THIRTY_SECONDS, FaultPlan.none()).withDuration(Duration.ofMinutes(10)),
                Beaters::ignoringTheDeadline);
        AssertionError e = assertThrows(AssertionError.class, run::assertInvariants);
        assertTrue(e.getMessage().contains("more than the deadline 30.000s"), e.getMessage());
    }

    @Test
    void randomFaultsReplayFromTheirSeed() {
        FaultPlan plan = FaultPlan.random(42, new FaultRates(0.1, 0.05, 0.02, 0.01, 0.1, Duration.ofSeconds(2)));
        Scenario scenario = Scenario.of(THIRTY_SECONDS, plan).withDuration(Duration.ofMinutes(20));
        SimulationResult first = Simulation.run(scenario, Beaters::keeping);
        SimulationResult second = Simulation.run(scenario, Beaters::keeping);
        first.assertInvariants();
        assertEquals(
                first.deliveries().stream().map(Delivery::fault).toList(),
                second.deliveries().stream().map(Delivery::fault).toList());
        assertTrue(first.deliveries().stream().anyMatch(d -> !d.fault().isNone()), "some faults were drawn");
    }

    @Test
    void partitionsSlowdownsAndPausesAreDrawnFromTheirRatesToo() {
        FaultRates rates = new FaultRates(0, 0, 0, 0, 0, Duration.ofMillis(500), 0.1, 0.1, 0.1, Duration.ofSeconds(20));
        Scenario scenario =
                Scenario.of(THIRTY_SECONDS, FaultPlan.random(7, rates)).withDuration(Duration.ofHours(1));
        SimulationResult first = Simulation.run(scenario, Beaters::keeping);
        SimulationResult second = Simulation.run(scenario, Beaters::keeping);
        first.assertInvariants();
        java.util.Set<Class<?>> kinds = new java.util.HashSet<>();
        first.deliveries().forEach(d -> kinds.add(d.fault().getClass()));
        assertTrue(
                kinds.containsAll(java.util.List.of(Fault.Partition.class, Fault.Slowdown.class, Fault.Pause.class)),
                "every kind was drawn: " + kinds);
        assertEquals(
                first.deliveries().stream().map(Delivery::fault).toList(),
                second.deliveries().stream().map(Delivery::fault).toList(),
                "the same seed replays the same faults");
    }
}
