package dev.heart.transport.zookeeper;

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

/**
 * The ZooKeeper transport's main classes depend on heart's api only, never set system properties
 * (every client setting goes through ZKClientConfig), and behave as library code.
 */
class ArchitectureTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.heart.transport.zookeeper");

    @Test
    void importedEnoughToMeanSomething() {
        assertTrue(MAIN.size() >= 8, "classes imported: " + MAIN.size());
    }

    @Test
    void dependsOnTheApiOnlyOfOursAndTheInternalPackageNeverOnTheFacade() {
        noClasses()
                .that()
                .resideInAPackage("dev.heart.transport.zookeeper..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.heart..")
                        .and(not(resideInAnyPackage("dev.heart.api..", "dev.heart.transport.zookeeper.."))))
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("dev.heart.transport.zookeeper.internal")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.heart.transport.zookeeper")
                .check(MAIN);
    }

    @Test
    void noSystemPropertiesStandardStreamsJavaUtilLoggingOrWallClockDurations() {
        noClasses()
                .should()
                .callMethod(System.class, "setProperty", String.class, String.class)
                .check(MAIN);
        noClasses()
                .should()
                .callMethod(System.class, "getProperty", String.class)
                .check(MAIN);
        noClasses().should().callMethod(System.class, "currentTimeMillis").check(MAIN);
        java.util.List<String> wallClock = new java.util.ArrayList<>();
        MAIN.forEach(c -> c.getMethodCallsFromSelf().forEach(call -> {
            String owner = call.getTargetOwner().getName();
            if ((owner.equals("java.time.Instant") && call.getName().equals("now"))
                    || (owner.equals("java.time.Clock") && call.getName().startsWith("system"))) {
                wallClock.add(call.getOrigin().getFullName());
            }
        }));
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of("dev.heart.transport.zookeeper.internal.Layout.registrationTime()"),
                wallClock,
                "the one wall-clock read is the document's registration time");
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(MAIN);
    }

    @Test
    void thePublicPackageHoldsOnlyTheFactoryAndItsBuilder() {
        classes()
                .that()
                .resideInAPackage("dev.heart.transport.zookeeper")
                .and()
                .arePublic()
                .should()
                .haveNameMatching("dev\\.heart\\.transport\\.zookeeper\\.ZooKeeperTransport(\\$Builder)?")
                .check(MAIN);
    }
}
