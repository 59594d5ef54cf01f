package dev.heart.example.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.testkit.BeaterCheck;
import dev.heart.testkit.Fault;
import dev.heart.testkit.FaultPlan;
import dev.heart.testkit.RegistryConfig;
import dev.heart.testkit.Simulation;
import dev.heart.testkit.SimulationResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The user's beater, tested with heart-testkit from a named module with Surefire's defaults. */
class OrdersBeaterTest {

    @Test
    void runsAsTheUsersNamedModuleAndFindsTheMemTransportAsAnyTransport() {
        assertEquals(
                "dev.heart.example.user", OrdersBeaterTest.class.getModule().getName());
        assertTrue(
                dev.heart.api.Transports.providers().containsKey("mem"), "mem, from heart-testkit, by ServiceLoader");
    }

    @Test
    void anHourThroughARegistryRestart() {
        SimulationResult run = Simulation.builder(first -> new OrdersBeater())
                .registry(RegistryConfig.of("orders", Duration.ofSeconds(30)))
                .faults(FaultPlan.scripted(Fault.none(), Fault.crashRestart()))
                .registrants(2)
                .run();
        run.assertInvariants();
        run.assertKeptAlive();
        assertEquals(1, run.registry().restarts().size());
        assertTrue(run.arrivals().size() > 600, "two registrants beat about every 10 s for an hour");
    }

    @Test
    void keepsTheReadyMadeBeatersContract() {
        BeaterCheck check = BeaterCheck.forSharedBeater(OrdersBeater::new)
                .registrants(2)
                .examples(50)
                .seed(7L);
        check.neverExpiresUnderIsolatedLosses();
        check.reRegistersWithin(Duration.ofSeconds(5));
        check.survives(FaultPlan.scripted(Fault.partition(Duration.ofSeconds(45))));
    }
}
