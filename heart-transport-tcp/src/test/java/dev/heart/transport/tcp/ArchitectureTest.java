package dev.heart.transport.tcp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of the transport, checked on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void theImportFoundTheModule() {
        assertTrue(classes.size() >= 20, "imported only " + classes.size() + " classes");
        assertTrue(classes.contain(TcpTransport.class));
    }

    @Test
    void dependsOnTheApiOnlyNeverOnTheEngine() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.heart.engine..")
                .check(classes);
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.heart.transport.tcp..",
                        "dev.heart.api..",
                        "java..",
                        "javax.net.ssl..",
                        "javax.security.auth.x500..",
                        "org.slf4j..")
                .check(classes);
    }

    @Test
    void noStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
    }

    @Test
    void onlyTheTypesTheApiPackageNeedsArePublicInTheInternalPackage() {
        Set<String> publicInternal = classes.stream()
                .filter(c -> c.getPackageName().equals("dev.heart.transport.tcp.internal"))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC)
                        && c.getEnclosingClass().isEmpty())
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "TcpClient",
                        "ClientSettings",
                        "RegistryServer",
                        "ServerSettings",
                        "TcpTransportProvider",
                        "Limits",
                        "TlsMaterial",
                        "FrameCodec"), // FrameCodec: for heart-bench's T1 baseline
                publicInternal);
    }
}
