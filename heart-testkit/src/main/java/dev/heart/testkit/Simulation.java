package dev.heart.testkit;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The front door of the testkit: runs a beater against a {@link FakeRegistry} in virtual time and
 * returns what happened, the registry, each beating's state and timeline.
 *
 * <pre>{@code
 * SimulationResult run = Simulation.builder(first -> new MyBeater(first))
 *         .registry(RegistryConfig.of("orders", Duration.ofSeconds(30)))
 *         .faults(FaultPlan.scripted(Fault.none(), Fault.crashRestart()))
 *         .duration(Duration.ofHours(1))
 *         .run();
 * run.assertInvariants();
 * run.assertKeptAlive();
 * }</pre>
 *
 * <p>Each registrant beats on a {@link Heart} of its own (all on one {@link VirtualTime}, with
 * {@code .executor(Runnable::run)}); the factory is asked for one beater per registrant, so a
 * factory that returns one shared instance tests that instance driving them all. The run advances
 * time by the duration, stops every beating, lets the disconnects be answered, and closes every
 * heart, on every path. Deterministic: the same scenario and beaters give the same result.
 */
public final class Simulation {
    private Simulation() {}

    /**
     * A simulation of the beaters {@code beaters} makes; by default one registrant beating for an
     * hour against {@code RegistryConfig.of("svc", 30 s)} with no fault (but the default latency).
     *
     * @param beaters makes a beater per registrant, told its first request
     * @return a new builder
     */
    public static Builder builder(BeaterFactory beaters) {
        return new Builder(Checks.notNull(beaters, "beaters"));
    }

    /** Sets up a simulation; not thread-safe. */
    public static final class Builder {
        private final BeaterFactory beaters;
        private Scenario scenario = Scenario.of(RegistryConfig.of("svc", Duration.ofSeconds(30)), FaultPlan.none());

        private Builder(BeaterFactory beaters) {
            this.beaters = beaters;
        }

        /**
         * The registry.
         *
         * @param config its configuration
         * @return this builder
         */
        public Builder registry(RegistryConfig config) {
            Checks.notNull(config, "config");
            scenario = new Scenario(
                    config,
                    scenario.faults(),
                    scenario.registrants(),
                    scenario.duration(),
                    scenario.firstTimeout(),
                    scenario.firstRetries());
            return this;
        }

        /**
         * What goes wrong, and the network's latency.
         *
         * @param plan the plan
         * @return this builder
         */
        public Builder faults(FaultPlan plan) {
            scenario = scenario.withFaults(Checks.notNull(plan, "plan"));
            return this;
        }

        /**
         * How many registrants beat; default 1.
         *
         * @param count 1 to 1,000
         * @return this builder
         */
        public Builder registrants(int count) {
            scenario = new Scenario(
                    scenario.registry(),
                    scenario.faults(),
                    count,
                    scenario.duration(),
                    scenario.firstTimeout(),
                    scenario.firstRetries());
            return this;
        }

        /**
         * How long they beat in virtual time; default 1 hour.
         *
         * @param duration positive
         * @return this builder
         */
        public Builder duration(Duration duration) {
            scenario = scenario.withDuration(duration);
            return this;
        }

        /**
         * The first beat's attempt bound and retransmissions; default 1 s and 2.
         *
         * @param timeout positive
         * @param retries  zero or more
         * @return this builder
         */
        public Builder firstBeat(Duration timeout, int retries) {
            scenario = new Scenario(
                    scenario.registry(),
                    scenario.faults(),
                    scenario.registrants(),
                    scenario.duration(),
                    timeout,
                    retries);
            return this;
        }

        /**
         * Runs it.
         *
         * @return what happened
         * @throws AssertionError when a beating does not end after being stopped
         */
        public SimulationResult run() {
            return Simulation.run(scenario, beaters);
        }
    }

    /** Runs {@code scenario}; the heart of every simulation and property. */
    static SimulationResult run(Scenario scenario, BeaterFactory beaters) {
        String name = MemNetwork.uniqueName("sim");
        VirtualTime time = VirtualTime.create();
        FakeRegistry registry = FakeRegistry.create(scenario.registry().withAddress(MemNetwork.uri(name)), time);
        List<Heart> hearts = new ArrayList<>();
        List<RequestProtocol> protocols = new ArrayList<>();
        try (MemBinding binding = MemNetwork.bind(name, registry, time, scenario.faults())) {
            List<Beating> beatings = new ArrayList<>();
            List<Recorder> recorders = new ArrayList<>();
            for (RegistrantInfo registrant : scenario.registrantInfos()) {
                OutgoingRequest first = new OutgoingRequest(Request.beat(registrant), binding.uri());
                Recorder recorder = new Recorder(time);
                RequestProtocol mem = MemNetwork.protocol();
                protocols.add(mem);
                Heart heart = Heart.builder(recorder.beater(Checks.notNull(beaters.create(first), "beater")))
                        .protocol(recording(mem, recorder))
                        .timeSource(time)
                        .executor(Runnable::run)
                        .listener(listener(recorder))
                        .build();
                hearts.add(heart);
                recorders.add(recorder);
                beatings.add(recorder.start(heart, first, scenario.firstTimeout(), scenario.firstRetries()));
            }
            time.advance(scenario.duration());
            Duration stoppedAt = time.now();
            List<SimulationResult.BeatingResult> results = new ArrayList<>();
            for (int i = 0; i < beatings.size(); i++) {
                Beating beating = beatings.get(i);
                RegistrantInfo registrant = scenario.registrantInfos().get(i);
                results.add(new SimulationResult.BeatingResult(
                        registrant,
                        recorders.get(i).timeline(), // so far: replaced by the whole one below
                        beating.state(),
                        beating.health(),
                        !beating.completion().isDone(),
                        registry.isAlive(registrant.id())));
            }
            beatings.forEach(Beating::stop);
            time.runUntilIdle();
            for (int i = 0; i < beatings.size(); i++) {
                if (!beatings.get(i).completion().isDone()) {
                    throw new AssertionError("in " + scenario + ": the beating of "
                            + results.get(i).registrant().id()
                            + " did not end after stop; state "
                            + beatings.get(i).state() + "; timeline:\n"
                            + recorders.get(i).timeline().tail(25));
                }
                results.set(i, results.get(i).withTimeline(recorders.get(i).timeline()));
            }
            return new SimulationResult(scenario, registry, results, binding.deliveries(), stoppedAt);
        } finally {
            hearts.forEach(Heart::closeAsync); // never blocks: virtual time moves only here
            try {
                time.runUntilIdle();
            } catch (RuntimeException e) {
                // a beater or task threw while closing: the run already has its outcome
            }
            protocols.forEach(RequestProtocol::close);
        }
    }

    static RequestProtocol recording(RequestProtocol delegate, Recorder recorder) {
        return new RequestProtocol() {
            @Override
            public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
                recorder.sending(request, deadline); // before: a pause fault moves the clock while sending
                CompletableFuture<Response> future = delegate.send(request, deadline);
                recorder.sent(request, future);
                return future;
            }

            @Override
            public void check(java.net.URI target) {
                delegate.check(target);
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    static HeartListener listener(Recorder recorder) {
        return new HeartListener() {
            @Override
            public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
                recorder.attemptFailed(request, attempt, cause);
            }

            @Override
            public void established(Beating beating, Response response) {
                recorder.established(response);
            }

            @Override
            public void renewed(Beating beating, Response response) {
                recorder.renewed(response);
            }

            @Override
            public void disconnected(Beating beating, Response lastResponse, @Nullable Throwable cause) {
                recorder.disconnected(lastResponse, cause);
            }
        };
    }
}
