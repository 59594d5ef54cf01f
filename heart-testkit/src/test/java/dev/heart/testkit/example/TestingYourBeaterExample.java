package dev.heart.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.testkit.BeaterCheck;
import dev.heart.testkit.FakeRegistry;
import dev.heart.testkit.Fault;
import dev.heart.testkit.FaultPlan;
import dev.heart.testkit.HeartGens;
import dev.heart.testkit.MemBinding;
import dev.heart.testkit.MemNetwork;
import dev.heart.testkit.Recorder;
import dev.heart.testkit.RegistryConfig;
import dev.heart.testkit.SimulationResult;
import dev.heart.testkit.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestingYourBeaterExample {

    /** The beater under test: beats at a third of the registry's deadline; after a rejection, again in 1 s. */
    static final class ThirdOfDeadlineBeater implements HeartBeater {
        private final OutgoingRequest request;

        ThirdOfDeadlineBeater(OutgoingRequest request) {
            this.request = request;
        }

        @Override
        public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
            if (response.reject()) {
                next.send(request, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
            } else {
                Duration deadline = response.timeout();
                next.send(request, deadline.dividedBy(8), 3, deadline.dividedBy(3));
            }
        }
    }

    @Test
    void anHourOfBeatsAgainstAFlakyRegistryInVirtualTime() {
        try (VirtualTime time = VirtualTime.create();
             RequestProtocol transports = Transports.load()) {              // finds "mem" as it finds "tcp"
            FakeRegistry registry = FakeRegistry.create(RegistryConfig.of("orders", Duration.ofSeconds(30)), time);
            FaultPlan flaky = FaultPlan.scripted(Fault.none(), Fault.drop(), Fault.none(), Fault.crashRestart());
            try (MemBinding binding = MemNetwork.bind(MemNetwork.uniqueName("registry"), registry, time, flaky)) {
                OutgoingRequest first = new OutgoingRequest(
                        Request.beat(RegistrantInfo.of("orders-1", "orders")), binding.uri());
                Recorder recorder = Recorder.create(time);
                Heart heart = Heart.builder(recorder.beater(new ThirdOfDeadlineBeater(first)))
                        .protocol(recorder.protocol(transports))
                        .timeSource(time)
                        .executor(Runnable::run)                           // everything runs inside advance
                        .listener(recorder)
                        .build();
                Beating beating = recorder.start(heart, first, Duration.ofSeconds(1), 2);

                time.advance(Duration.ofHours(1));                          // 360 beats, in milliseconds
                assertTrue(registry.isAlive("orders-1"));
                assertEquals(1, registry.restarts().size());
                assertEquals(Beating.State.ESTABLISHED, beating.state());

                beating.stop();                                             // sends a bounded disconnect...
                time.runUntilIdle();                                        // ...answered in virtual time
                heart.close();
                recorder.assertInvariants();
                assertTrue(registry.alive().isEmpty());
            }
        }
    }

    @Test
    void keepsTheRegistrationAliveThroughDropsAndRestarts() {
        BeaterCheck.forBeater(ThirdOfDeadlineBeater::new)
                .faults(HeartGens.faultPlans(HeartGens.dropsAndRestarts(), 40).map(FaultPlan::spaced))
                .examples(1000)
                .seed(20240601L)
                .alsoCheck(SimulationResult::assertKeptAlive)
                .check();
    }
}
