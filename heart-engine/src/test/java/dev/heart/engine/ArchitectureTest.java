package dev.heart.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The layering of api and engine, checked on their main classes. */
class ArchitectureTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.heart.api", "dev.heart.engine");

    @Test
    void importedEnoughToMeanSomething() {
        long api = MAIN.stream()
                .filter(c -> c.getPackageName().startsWith("dev.heart.api"))
                .count();
        long engine = MAIN.stream()
                .filter(c -> c.getPackageName().equals("dev.heart.engine"))
                .count();
        assertTrue(api >= 15, "api classes imported: " + api);
        assertTrue(engine >= 10, "engine classes imported: " + engine);
    }

    @Test
    void apiDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("dev.heart.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.heart.engine..", "dev.heart.transport..", "dev.heart.testkit..")
                .check(MAIN);
    }

    @Test
    void engineDependsOnTheApiOnly() {
        noClasses()
                .that()
                .resideInAPackage("dev.heart.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.heart.transport..", "dev.heart.testkit..")
                .check(MAIN);
    }

    @Test
    void noCyclesBetweenModules() {
        // api and api.spi refer to each other by design (the SPI speaks the api's records, and
        // Transports loads the SPI), as slf4j-api does; between modules there is no cycle.
        slices().matching("dev.heart.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noStandardStreamsInLibraryCode() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }

    @Test
    void noJavaUtilLoggingOrWallClock() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(MAIN);
        noClasses()
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .because("every timeout, delay and elapsed figure uses a monotonic clock")
                .check(MAIN);
    }
}
