package dev.heart.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.archrules.HeartRules;
import org.junit.jupiter.api.Test;

/** heart-api's main code follows the shared rules, every one of them. */
class ArchitectureTest {

    @Test
    void followsEverySharedRule() {
        var main = HeartRules.mainClasses();
        assertTrue(main.contain(HeartBeater.class) && main.contain(dev.heart.api.spi.TransportProvider.class));
        assertTrue(HeartRules.check(main).containsAll(java.util.EnumSet.allOf(HeartRules.Rule.class)));
    }
}
