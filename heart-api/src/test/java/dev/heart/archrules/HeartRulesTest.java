package dev.heart.archrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each shared rule fails on a class that breaks it, and passes on one that does not. */
class HeartRulesTest {
    private static final Map<HeartRules.Rule, Class<?>> BROKEN_BY = Map.of(
            HeartRules.Rule.MONOTONIC_TIME, Violations.WallClock.class,
            HeartRules.Rule.NO_STANDARD_STREAMS, Violations.Prints.class,
            HeartRules.Rule.NO_JAVA_SERIALIZATION, Violations.Serialized.class,
            HeartRules.Rule.NAMED_THREADS, Violations.UnnamedThread.class,
            HeartRules.Rule.HEART_EXCEPTIONS, Violations.StrayException.class);

    @Test
    void everyRuleHasAClassThatBreaksItButTheTwoThisModuleCannotCompile() {
        // jqwik is not on the class path, and java.logging is not read by this module: ArchUnit's
        // own rules check those two.
        assertEquals(HeartRules.Rule.values().length - 2, BROKEN_BY.size());
    }

    @Test
    void eachRuleCatchesItsViolationAndOnlyIt() {
        BROKEN_BY.forEach((rule, type) -> {
            JavaClasses broken = new ClassFileImporter().importClasses(type);
            AssertionError error =
                    assertThrows(AssertionError.class, () -> rule.rule().check(broken), rule.name());
            assertTrue(error.getMessage().contains(type.getSimpleName()), error.getMessage());
            assertThrows(AssertionError.class, () -> HeartRules.check(broken), rule + " through check()");
            HeartRules.check(broken, rule); // exempt from the one it breaks: every other rule passes
        });
    }
}
