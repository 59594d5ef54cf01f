package dev.heart.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Layering of the testkit's main code: api and engine only, no transport, no standard streams. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void theImportFoundTheMainCode() {
        assertTrue(MAIN.size() >= 40, "imported only " + MAIN.size() + " classes from target/classes");
        assertTrue(MAIN.contain(FakeRegistry.class) && MAIN.contain(dev.heart.testkit.mem.MemProtocol.class));
    }

    @Test
    void dependsOnApiAndEngineNotOnTransports() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.heart.transport..")
                .because("the testkit serves transports, it does not use them")
                .check(MAIN);
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.heart.api..",
                        "dev.heart.engine..",
                        "dev.heart.registry..",
                        "dev.heart.testkit..",
                        "java..",
                        "org.slf4j..",
                        "org.junit..",
                        "org.opentest4j..",
                        "org.apiguardian..")
                .check(MAIN);
    }

    @Test
    void mainCodeWritesNoStandardStreams() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }
}
