package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Engine behaviour found with the testkit, kept as a regression test. */
class EngineEdgeCaseTest {

    @Test
    void aStopWhileTheBeaterDecidesOnTheFirstAcceptanceStillDisconnects() {
        try (VirtualTime time = VirtualTime.create();
                RequestProtocol mem = MemNetwork.protocol()) {
            FakeRegistry registry = FakeRegistry.create(RegistryConfig.of("svc", Duration.ofSeconds(30)), time);
            try (MemBinding binding =
                    MemNetwork.bind(MemNetwork.uniqueName("edge"), registry, time, FaultPlan.none())) {
                OutgoingRequest first = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), binding.uri());
                AtomicReference<Beating> handle = new AtomicReference<>();
                Recorder recorder = new Recorder(time);
                Heart heart = Heart.builder(recorder.beater(next -> {
                            handle.get().stop(); // e.g. the application shuts down while the beater decides
                            next.send(first, Attempts.of(Duration.ofSeconds(1), 2), Duration.ofSeconds(10));
                        }))
                        .protocol(Simulation.recording(mem, recorder))
                        .timeSource(time)
                        .executor(Runnable::run)
                        .listener(Simulation.listener(recorder))
                        .build();
                handle.set(recorder.start(heart, first, Duration.ofSeconds(1), 2));
                time.runUntilIdle();
                assertTrue(handle.get().completion().isDone());
                Invariants.assertTimeline(recorder.timeline());
                assertFalse(
                        registry.isAlive("a"),
                        "the registry accepted 'a' and the beater continued, yet no disconnect "
                                + "was sent: 'a' stays registered until its deadline; timeline:\n"
                                + recorder.timeline());
                heart.close();
            }
        }
    }
}
