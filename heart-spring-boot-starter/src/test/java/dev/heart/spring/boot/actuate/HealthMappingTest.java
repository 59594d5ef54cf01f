package dev.heart.spring.boot.actuate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.engine.Health;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** Each health of a registration maps to its status; AT_RISK and UNREGISTERED as configured. */
class HealthMappingTest {

    @Test
    void eachHealthHasItsStatus() {
        assertEquals(Status.UP, HeartHealthIndicator.statusOf(Health.HEALTHY, "WARN", "OUT_OF_SERVICE"));
        assertEquals(new Status("WARN"), HeartHealthIndicator.statusOf(Health.AT_RISK, "WARN", "OUT_OF_SERVICE"));
        assertEquals(Status.OUT_OF_SERVICE,
                HeartHealthIndicator.statusOf(Health.UNREGISTERED, "WARN", "OUT_OF_SERVICE"));
        assertEquals(Status.DOWN, HeartHealthIndicator.statusOf(Health.LOST, "WARN", "OUT_OF_SERVICE"));
    }

    @Test
    void theWorstHealthRanksHighest() {
        assertTrue(HeartHealthIndicator.rank(Health.HEALTHY) < HeartHealthIndicator.rank(Health.AT_RISK));
        assertTrue(HeartHealthIndicator.rank(Health.AT_RISK) < HeartHealthIndicator.rank(Health.UNREGISTERED));
        assertTrue(HeartHealthIndicator.rank(Health.UNREGISTERED) < HeartHealthIndicator.rank(Health.LOST));
    }
}
