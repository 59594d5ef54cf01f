package dev.heart.testkit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.Response;
import dev.heart.testkit.BeaterCheck;
import dev.heart.testkit.Fault;
import dev.heart.testkit.FaultPlan;
import dev.heart.testkit.RegistryConfig;
import dev.heart.testkit.Simulation;
import dev.heart.testkit.SimulationResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestingYourBeaterExample {

    /** The beater under test: beats at a third of the lease; after a failure or "not registered", again soon. */
    static final class MyBeater implements HeartBeater {
        private static final Duration ATTEMPT = Duration.ofSeconds(1);

        @Override
        public void beat(BeatAnswer answer) {
            Response response = answer.response();
            if (response.reject()) {
                answer.send(
                        answer.lastRequest(),
                        Attempts.of(ATTEMPT, 1),
                        response.notRegistered() ? Duration.ZERO : Duration.ofSeconds(1));
            } else {
                Duration lease = response.timeout();
                Duration attempt = lease.dividedBy(8).compareTo(ATTEMPT) < 0 ? lease.dividedBy(8) : ATTEMPT;
                answer.send(answer.lastRequest(), Attempts.of(attempt, 1), lease.dividedBy(3));
            }
        }

        @Override
        public void beatFailed(BeatFailure failure) {
            failure.send(
                    failure.lastRequest(), Attempts.of(ATTEMPT, 1), Duration.ofMillis(500)); // try again soon, for ever
        }
    }

    @Test
    void anHourOfBeatsThroughALostRequestAndARegistryRestart() {
        SimulationResult run = Simulation.builder(first -> new MyBeater())
                .registry(RegistryConfig.of("orders", Duration.ofSeconds(30)))
                .faults(FaultPlan.scripted(Fault.none(), Fault.drop(), Fault.none(), Fault.crashRestart()))
                .registrants(3)
                .run(); // an hour of virtual time, in milliseconds
        run.assertInvariants();
        run.assertKeptAlive();
        assertEquals(1, run.registry().restarts().size());
    }

    @Test
    void staysRegisteredThroughTheFaultsOfTheContract() {
        BeaterCheck check = BeaterCheck.forSharedBeater(MyBeater::new) // one instance drives every registrant
                .registrants(2)
                .seed(20240601L);
        check.neverExpiresUnderIsolatedLosses();
        check.reRegistersWithin(Duration.ofSeconds(5));
        check.survives(FaultPlan.scripted(Fault.partition(Duration.ofSeconds(45))));
    }
}
