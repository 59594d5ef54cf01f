package dev.heart.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.archrules.HeartRules;
import org.junit.jupiter.api.Test;

/** heart-api's main code follows the shared rules, every one of them. */
class ArchitectureTest {

    @Test
    void followsEverySharedRule() {
        var main = HeartRules.mainClasses();
        assertTrue(main.contain(HeartBeater.class) && main.contain(dev.heart.api.spi.TransportProvider.class));
        assertTrue(HeartRules.check(main).containsAll(java.util.EnumSet.allOf(HeartRules.Rule.class)));
    }

    @Test
    void checksAreNotApiTheirPackageIsExportedOnlyToHeartsModules() {
        java.lang.module.ModuleDescriptor descriptor =
                HeartBeater.class.getModule().getDescriptor();
        var internal = descriptor.exports().stream()
                .filter(e -> e.source().equals("dev.heart.api.internal"))
                .findFirst()
                .orElseThrow();
        assertTrue(internal.isQualified(), "a qualified export");
        assertTrue(internal.targets().stream().allMatch(t -> t.startsWith("dev.heart.")), internal.targets()::toString);
        assertTrue(
                descriptor.exports().stream()
                        .filter(e -> !e.isQualified())
                        .map(e -> e.source())
                        .allMatch(p -> p.equals("dev.heart.api")
                                || p.equals("dev.heart.api.spi")
                                || p.equals("dev.heart.api.security")),
                "the API packages only");
    }

    @Test
    void theInternalPackageNeverImportsTheApi() {
        HeartRules.internalIndependentOfItsFacade("dev.heart.api").check(HeartRules.mainClasses());
    }
}
