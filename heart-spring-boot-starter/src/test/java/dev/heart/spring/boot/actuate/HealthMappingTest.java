package dev.heart.spring.boot.actuate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.engine.Health;
import org.junit.jupiter.api.Test;

/** The worst health of the registrations is the one reported. */
class HealthMappingTest {

    @Test
    void theWorstHealthRanksHighest() {
        assertTrue(HeartHealthIndicator.rank(Health.HEALTHY) < HeartHealthIndicator.rank(Health.AT_RISK));
        assertTrue(HeartHealthIndicator.rank(Health.AT_RISK) < HeartHealthIndicator.rank(Health.UNREGISTERED));
        assertTrue(HeartHealthIndicator.rank(Health.UNREGISTERED) < HeartHealthIndicator.rank(Health.LOST));
    }
}
