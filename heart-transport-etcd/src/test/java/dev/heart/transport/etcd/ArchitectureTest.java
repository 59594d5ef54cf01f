package dev.heart.transport.etcd;

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

/** The etcd transport's main classes depend on heart's api only, and behave as library code. */
class ArchitectureTest {
    /** Our own classes, without the stubs generated from etcd's protos (package ...etcd.grpc). */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/dev/heart/transport/etcd/grpc/"))
            .importPackages("dev.heart.transport.etcd");

    static final JavaClasses OURS = MAIN;

    @Test
    void importedEnoughToMeanSomething() {
        long count = MAIN.stream()
                .filter(c -> c.getPackageName().startsWith("dev.heart.transport.etcd"))
                .count();
        assertTrue(count >= 12, "etcd transport classes imported: " + count);
    }

    @Test
    void dependsOnTheApiOnlyOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("dev.heart.transport.etcd..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.heart..")
                        .and(not(resideInAnyPackage("dev.heart.api..", "dev.heart.transport.etcd.."))))
                .check(MAIN);
        classes()
                .that()
                .haveSimpleName("GrpcEtcdClient")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.heart.api.spi")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("dev.heart.transport.etcd..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.heart.engine..", "dev.heart.testkit..", "dev.heart.transport.tcp..")
                .check(MAIN);
    }

    @Test
    void noStandardStreamsJavaUtilLoggingOrWallClock() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(OURS);
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(OURS);
        noClasses().should().callMethod(System.class, "currentTimeMillis").check(OURS);
    }

    @Test
    void thePublicPackageHoldsOnlyTheFactoryAndItsBuilder() {
        classes()
                .that()
                .resideInAPackage("dev.heart.transport.etcd")
                .and()
                .arePublic()
                .should()
                .haveNameMatching("dev\\.heart\\.transport\\.etcd\\.(EtcdTransport(\\$Builder)?|EtcdConfigException)")
                .check(MAIN);
    }

    @Test
    void theInternalPackageNeverImportsTheFacade() {
        dev.heart.archrules.HeartRules.internalIndependentOfItsFacade("dev.heart.transport.etcd")
                .check(MAIN);
    }
}
