package dev.heart.testkit;

import dev.heart.api.Checks;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import java.time.Duration;

/**
 * Runs one {@link Scenario} in virtual time: a {@link FakeRegistry} bound to a fresh {@code mem}
 * name with the scenario's faults, a {@link Heart} on the same {@link VirtualTime} with
 * {@code .executor(Runnable::run)}, a {@link Recorder} around it all. It advances time by the
 * scenario's duration, stops the beating, runs until idle, and returns what it saw. Deterministic:
 * the same scenario and beater give the same result.
 */
public final class Simulation {
    private Simulation() {
    }

    /**
     * Runs {@code scenario} with a beater made by {@code beaters}.
     *
     * @return what happened; never null
     * @throws AssertionError when the beating does not end after being stopped
     */
    public static SimulationResult run(Scenario scenario, BeaterFactory beaters) {
        Checks.notNull(scenario, "scenario");
        Checks.notNull(beaters, "beaters");
        String name = MemNetwork.uniqueName("sim");
        try (VirtualTime time = VirtualTime.create();
             RequestProtocol mem = MemNetwork.protocol()) {
            RegistryConfig config = scenario.registry().withAddress(MemNetwork.uri(name));
            FakeRegistry registry = FakeRegistry.create(config, time);
            try (MemBinding binding = MemNetwork.bind(name, registry, time, scenario.faults())) {
                Recorder recorder = Recorder.create(time);
                OutgoingRequest first = new OutgoingRequest(Request.beat(scenario.registrant()), binding.uri());
                Heart heart = Heart.builder(recorder.beater(Checks.notNull(beaters.create(first), "beater")))
                        .protocol(recorder.protocol(mem))
                        .timeSource(time)
                        .executor(Runnable::run)
                        .listener(recorder)
                        .build();
                Beating beating = recorder.start(heart, first, scenario.firstTimeout(), scenario.firstRetryN());
                time.advance(scenario.duration());
                Duration stoppedAt = time.now();
                boolean running = !beating.completion().isDone();
                boolean alive = registry.isAlive(scenario.registrant().id());
                beating.stop();
                time.runUntilIdle();
                if (!beating.completion().isDone()) {
                    throw new AssertionError("in " + scenario + ": the beating did not end after stop; state "
                            + beating.state() + "; timeline:\n" + recorder.timeline().tail(25));
                }
                heart.close();
                return new SimulationResult(scenario, recorder.timeline(), registry.arrivals(), registry.expiries(),
                        binding.deliveries(), stoppedAt, running, alive);
            }
        }
    }
}
