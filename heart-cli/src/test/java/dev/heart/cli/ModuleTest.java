package dev.heart.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor on the module path, and the layering of the command line's classes. */
class ModuleTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.heart.cli");

    @Test
    void isANamedModuleOpenToPicocliOnly() {
        ModuleDescriptor cli = Main.class.getModule().getDescriptor();
        assertEquals("dev.heart.cli", cli.name());
        assertTrue(cli.exports().isEmpty(), "an application exports nothing");
        ModuleDescriptor.Opens opens = cli.opens().iterator().next();
        assertEquals("dev.heart.cli", opens.source());
        assertEquals(Set.of("info.picocli"), opens.targets());
        Set<String> requires =
                cli.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertTrue(
                requires.containsAll(Set.of("dev.heart.engine", "dev.heart.transport.tcp", "info.picocli")),
                requires::toString);
        assertTrue(requires.stream().noneMatch(name -> name.contains("testkit")), "the testkit is a test library");
    }

    @Test
    void importedEnoughToMeanSomething() {
        assertTrue(MAIN.size() >= 15, "classes imported: " + MAIN.size());
    }

    @Test
    void onlyTheCommandsPrint() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.heart.cli.registry..", "dev.heart.cli.load..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("dev.heart.cli")
                .check(MAIN);
        noClasses()
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .check(MAIN.that(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "not Main", c -> !c.getSimpleName().equals("Main"))));
    }

    @Test
    void monotonicTimeOnly() {
        noClasses().should().callMethod(System.class, "currentTimeMillis").check(MAIN);
    }
}
