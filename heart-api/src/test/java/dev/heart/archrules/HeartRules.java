package dev.heart.archrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * The engineering rules every heart module's main code follows, as ArchUnit rules, in one place.
 * Each module's test suite applies them with {@link #check(JavaClasses, Rule...)} to its own main
 * classes ({@link #mainClasses()}), naming the rules it is exempt from and why in its own test.
 *
 * <p>Shipped in heart-api's test jar (package {@code dev.heart.archrules}, on the test class path of
 * the other modules), because every module, heart-api included, applies it.
 */
public final class HeartRules {
    private HeartRules() {}

    /** One rule; {@link #rule()} is the ArchUnit rule that checks it. */
    public enum Rule {
        /** Every timeout, delay and elapsed figure comes from a monotonic clock, never the wall clock. */
        MONOTONIC_TIME(noClasses()
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .because("time is monotonic only (System.nanoTime or an injected clock)")),
        /** Logging goes through SLF4J, never java.util.logging. */
        SLF4J_LOGGING(GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING),
        /** Library code never writes to System.out or System.err: it logs or tells a listener. */
        NO_STANDARD_STREAMS(GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS),
        /** No Java serialization, ever: protocol values are records any transport encodes itself. */
        NO_JAVA_SERIALIZATION(classes()
                .that()
                .areNotAssignableTo(Throwable.class)
                .should(notDeclare(Serializable.class))
                .andShould()
                .onlyDependOnClassesThat(DescribedPredicate.not(
                        JavaClass.Predicates.belongToAnyOf(ObjectOutputStream.class, ObjectInputStream.class)))
                .because("no Java serialization, ever (a JDK collection subclassed, or an exception, is"
                        + " Serializable through its superclass, which is no use of it)")),
        /** Every thread has a name; executors get a thread factory that names theirs. */
        NAMED_THREADS(noClasses()
                .should()
                .callConstructor(Thread.class)
                .orShould()
                .callConstructor(Thread.class, Runnable.class)
                .orShould()
                .callMethod(Executors.class, "newSingleThreadExecutor")
                .orShould()
                .callMethod(Executors.class, "newSingleThreadScheduledExecutor")
                .orShould()
                .callMethod(Executors.class, "newCachedThreadPool")
                .orShould()
                .callMethod(Executors.class, "newFixedThreadPool", int.class)
                .orShould()
                .callMethod(Executors.class, "newScheduledThreadPool", int.class)
                .because("every thread is named heart-... so that a thread dump says whose it is")),
        /**
         * Our exceptions are rooted at HeartException (JDK exceptions such as IllegalArgumentException stay);
         * the one exception is a stop's outcome, a CancellationException as for any cancelled future.
         */
        HEART_EXCEPTIONS(classes()
                .that()
                .areAssignableTo(Exception.class)
                .and()
                .resideInAPackage("dev.heart..")
                .and()
                .haveModifier(JavaModifier.PUBLIC)
                .should()
                .beAssignableTo("dev.heart.api.HeartException")
                .orShould()
                .beAssignableTo(java.util.concurrent.CancellationException.class)
                .because("callers catch one root, HeartException (a stop is a cancellation, not an error)")),
        /** Property tests use QuickTheories; jqwik is not used. */
        NO_JQWIK(noClasses().should().dependOnClassesThat().resideInAPackage("net.jqwik.."));

        private final ArchRule rule;

        Rule(ArchRule rule) {
            this.rule = rule.allowEmptyShould(true);
        }

        /**
         * The ArchUnit rule.
         *
         * @return the rule; never null
         */
        public ArchRule rule() {
            return rule;
        }
    }

    private static com.tngtech.archunit.lang.ArchCondition<JavaClass> notDeclare(Class<?> type) {
        return new com.tngtech.archunit.lang.ArchCondition<>("not declare to implement " + type.getSimpleName()) {
            @Override
            public void check(JavaClass item, com.tngtech.archunit.lang.ConditionEvents events) {
                if (item.getRawInterfaces().stream().anyMatch(i -> i.isEquivalentTo(type))) {
                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                            item, item.getName() + " declares to implement " + type.getName()));
                }
            }
        };
    }

    /**
     * The main classes of the module whose tests run: Surefire runs them in the module's
     * directory, so this imports {@code target/classes}.
     *
     * @return the imported classes; never empty
     * @throws IllegalStateException when {@code target/classes} holds no class
     */
    public static JavaClasses mainClasses() {
        Path classes = Path.of("target", "classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("no " + classes.toAbsolutePath() + ": run the tests from the module");
        }
        JavaClasses imported = new ClassFileImporter().importPath(classes);
        if (imported.isEmpty()) {
            throw new IllegalStateException("no class in " + classes.toAbsolutePath());
        }
        return imported;
    }

    /**
     * Checks every rule except {@code exempt} on {@code main}.
     *
     * @param main   the module's main classes; not null, not empty
     * @param exempt the rules this module is exempt from (its test says why)
     * @return the rules that were checked
     * @throws AssertionError naming every violation of the first rule broken
     */
    public static Set<Rule> check(JavaClasses main, Rule... exempt) {
        if (main.isEmpty()) {
            throw new IllegalArgumentException("no classes to check");
        }
        Set<Rule> checked = EnumSet.allOf(Rule.class);
        checked.removeAll(Set.of(exempt));
        for (Rule rule : checked) {
            rule.rule().check(main);
        }
        return checked;
    }

    /**
     * A facade package and its {@code internal} package never import each other both ways: the
     * facade builds the internal package, which never depends on the facade (constants it needs
     * live in the internal package, and the facade re-exports them).
     *
     * @param facade the facade package, for instance {@code dev.heart.transport.etcd}; not null
     * @return the rule, to check on the module's main classes
     */
    public static ArchRule internalIndependentOfItsFacade(String facade) {
        return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage(facade + ".internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(facade)
                .because("no import cycle between a facade and its internal package");
    }

    /**
     * The classes of {@code main} outside the given packages, for a module that exempts some of
     * its packages from a rule.
     *
     * @param main     the classes; not null
     * @param packages package names whose classes (and subpackages') are left out
     * @return the rest
     */
    public static JavaClasses outside(JavaClasses main, String... packages) {
        return main.that(DescribedPredicate.describe(
                "outside " + String.join(", ", packages),
                (JavaClass c) -> Set.of(packages).stream()
                        .noneMatch(p -> c.getPackageName().equals(p)
                                || c.getPackageName().startsWith(p + "."))));
    }
}
