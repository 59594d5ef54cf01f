package dev.heart.transport.eureka;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The Eureka transport's main classes depend on heart's api only, and behave as library code. */
class ArchitectureTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.heart.transport.eureka");

    @Test
    void importedEnoughToMeanSomething() {
        long count = MAIN.stream()
                .filter(c -> c.getPackageName().startsWith("dev.heart.transport.eureka"))
                .count();
        assertTrue(count >= 14, "eureka transport classes imported: " + count);
    }

    @Test
    void dependsOnTheApiOnlyOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("dev.heart.transport.eureka..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.heart..")
                        .and(not(resideInAnyPackage("dev.heart.api..", "dev.heart.transport.eureka.."))))
                .check(MAIN);
        classes()
                .that()
                .haveSimpleName("EurekaClient")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.heart.api.spi")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("dev.heart.transport.eureka..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.heart.engine..", "dev.heart.testkit..", "dev.heart.transport.tcp..")
                .check(MAIN);
    }

    @Test
    void noStandardStreamsJavaUtilLoggingOrWallClock() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(MAIN);
        // Eureka's lastDirtyTimestamp is epoch milliseconds on the wire: the one wall-clock read.
        noClasses()
                .that()
                .doNotHaveSimpleName("EurekaClient")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .check(MAIN);
    }

    @Test
    void thePublicPackageHoldsOnlyTheFactoryAndItsBuilder() {
        classes()
                .that()
                .resideInAPackage("dev.heart.transport.eureka")
                .and()
                .arePublic()
                .should()
                .haveNameMatching("dev\\.heart\\.transport\\.eureka\\.EurekaTransport(\\$Builder)?")
                .check(MAIN);
    }

    @Test
    void theInternalPackageNeverImportsTheFacade() {
        // the rule of heart-api's HeartRules.internalIndependentOfItsFacade (its test jar is not on this module's path)
        noClasses()
                .that()
                .resideInAPackage("dev.heart.transport.eureka.internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.heart.transport.eureka")
                .because("no import cycle between a facade and its internal package")
                .check(MAIN);
    }
}
