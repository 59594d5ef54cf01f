package dev.heart.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.heart.archrules.HeartRules;
import org.junit.jupiter.api.Test;

/** This module's main code follows the project's shared rules ({@link HeartRules}). */
class SharedRulesTest {

    @Test
    void followsTheSharedRules() {
        JavaClasses main = HeartRules.mainClasses();
        assertFalse(main.that(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "in dev.heart.transport.tcp",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().startsWith("dev.heart.transport.tcp")))
                .isEmpty());
        HeartRules.check(main);
    }
}
