package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.heart.archrules.HeartRules;
import org.junit.jupiter.api.Test;

/** This module's main code follows the project's shared rules ({@link HeartRules}), one exemption said below. */
class SharedRulesTest {

    @Test
    void followsTheSharedRules() {
        JavaClasses main = HeartRules.mainClasses();
        assertFalse(main.that(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "in dev.heart.transport.zookeeper",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().startsWith("dev.heart.transport.zookeeper")))
                .isEmpty());
        // exempt from MONOTONIC_TIME for one call only, Layout.registrationTime(): the wall-clock
        // timestamp Curator's document carries (registrationTimeUTC); ArchitectureTest pins that
        // no other method reads the wall clock
        HeartRules.check(main, HeartRules.Rule.MONOTONIC_TIME);
    }
}
