package dev.heart.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Spring stays in this module: no other heart module knows a Spring type. */
class ArchitectureTest {

    @Test
    void noSpringTypeInTheOtherHeartModulesOnThisClassPath() {
        JavaClasses others = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("heart-spring-boot-starter"))
                // test jars (heart-transport-zookeeper's harness comes with its tests, which read Spring
                // Cloud Zookeeper on purpose)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("test-classes"))
                .importPackages("dev.heart");
        // heart-api, heart-engine and the transports tcp, etcd, eureka and zookeeper are on this class path
        assertTrue(others.size() > 100, "imported too few classes to mean something: " + others.size());
        assertTrue(others.stream().noneMatch(c -> c.getPackageName().startsWith("dev.heart.spring")));
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("Spring types belong in heart-spring-boot-starter only")
                .check(others);
    }

    /** Every published module's main sources; heart-bench, a benchmark, is not one. */
    @Test
    void noOtherModuleSourceMentionsSpring() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> offending;
        long scanned;
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> sources = modules.filter(m -> m.getFileName().toString().startsWith("heart-")
                            && !m.getFileName().toString().equals("heart-spring-boot-starter")
                            // heart-bench is no library (not published): its P2 runs Spring Cloud's
                            // Eureka server as the baseline heart is measured against
                            && !m.getFileName().toString().equals("heart-bench"))
                    .map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(ArchitectureTest::javaFiles)
                    .toList();
            scanned = sources.size();
            offending =
                    sources.stream().filter(ArchitectureTest::mentionsSpring).toList();
        }
        assertTrue(scanned > 100, "scanned too few sources to mean something: " + scanned);
        assertEquals(List.of(), offending, "sources outside heart-spring-boot-starter that use Spring");
    }

    @Test
    void theRegistrationStopsBeforeTheWebServersGracefulShutdown() {
        assertTrue(HeartRegistration.PHASE
                > org.springframework.boot.web.server.context.WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
        assertTrue(org.springframework.boot.web.server.context.WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE
                > org.springframework.boot.web.server.context.WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean mentionsSpring(Path source) {
        try {
            // an import is a use; a string naming a Spring class (the ZooKeeper transport writes Spring
            // Cloud Zookeeper's payload class name into its documents) is data, not a dependency
            return java.util.regex.Pattern.compile("(?m)^import (static )?org\\.springframework\\.")
                    .matcher(Files.readString(source))
                    .find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
