package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import dev.heart.archrules.HeartRules;
import org.junit.jupiter.api.Test;

/** This module's main code follows the project's shared rules ({@link HeartRules}), with no exemption. */
class SharedRulesTest {

    @Test
    void followsTheSharedRules() {
        JavaClasses main = HeartRules.mainClasses();
        assertFalse(main.that(DescribedPredicate.describe(
                        "in dev.heart.spring.boot",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.heart.spring.boot")))
                .isEmpty());
        HeartRules.check(main);
    }
}
