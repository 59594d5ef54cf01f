package dev.heart.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs on the module path and proves the descriptors of dev.heart.api and dev.heart.engine: what
 * is exported, what stays hidden, that the api declares the service it loads.
 */
class ModuleDescriptorTest {

    @Test
    void bothAreNamedModulesOnTheModulePath() {
        assertEquals("dev.heart.engine", Heart.class.getModule().getName());
        assertEquals("dev.heart.api", Transports.class.getModule().getName());
    }

    @Test
    void apiExportsItsApiAndSpiAndUsesTheTransportService() {
        ModuleDescriptor api = Transports.class.getModule().getDescriptor();
        Set<String> exports = api.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(
                Set.of("dev.heart.api", "dev.heart.api.spi", "dev.heart.api.security"),
                exports,
                "the API, the SPI and the shared TLS and credential shapes; its checks go to heart's modules only");
        assertEquals(Set.of(TransportProvider.class.getName()), api.uses());
    }

    @Test
    void engineExportsItsPublicPackagesAndRequiresTheApiTransitively() {
        ModuleDescriptor engine = Heart.class.getModule().getDescriptor();
        assertEquals(
                Set.of("dev.heart.engine", "dev.heart.engine.beater"),
                engine.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(engine.requires().stream()
                .anyMatch(r -> r.name().equals("dev.heart.api")
                        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
    }

    @Test
    void atRunTimeBothNeedSlf4jAndTheJdkOnlyTheNullnessAnnotationsAreForCompiling() {
        ModuleDescriptor api = Transports.class.getModule().getDescriptor();
        ModuleDescriptor engine = Heart.class.getModule().getDescriptor();
        assertEquals(Set.of("java.base", "org.slf4j"), requires(api, false));
        assertEquals(Set.of("java.base", "org.slf4j", "jdk.jfr", "dev.heart.api"), requires(engine, false));
        assertEquals(Set.of("org.jspecify"), requires(api, true), "requires static: users need not have it");
        assertEquals(Set.of("org.jspecify"), requires(engine, true), "requires static: users need not have it");
    }

    private static Set<String> requires(ModuleDescriptor module, boolean isStatic) {
        return module.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC) == isStatic)
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
    }

    @Test
    void implementationClassesAreNotPublic() throws Exception {
        for (String hidden : new String[] {
            "BeatingRun", "Continuation", "Listeners", "SystemTimeSource", "DefaultExecutor", "ExponentialBackoff"
        }) {
            Class<?> type = Class.forName("dev.heart.engine." + hidden);
            assertFalse(java.lang.reflect.Modifier.isPublic(type.getModifiers()), hidden + " must not be public");
        }
    }

    @Test
    void withNoTransportOnThePath_aSendSaysWhatToAdd() {
        try (RequestProtocol router = Transports.load()) {
            ExecutionException failure = assertThrows(
                    ExecutionException.class,
                    () -> router.send(ScenarioTest.REQUEST, Duration.ofSeconds(1))
                            .get());
            NoTransportException missing = (NoTransportException) failure.getCause();
            assertTrue(missing.getMessage().contains("no transport for scheme 'mem'"), missing.getMessage());
            assertTrue(missing.getMessage().contains("add heart-testkit to the module path"), missing.getMessage());
        }
        OutgoingRequest tcp =
                new OutgoingRequest(ScenarioTest.REQUEST.request(), java.net.URI.create("tcp://127.0.0.1:1"));
        try (RequestProtocol router = Transports.load()) {
            ExecutionException failure = assertThrows(
                    ExecutionException.class,
                    () -> router.send(tcp, Duration.ofSeconds(1)).get());
            assertTrue(failure.getCause().getMessage().contains("heart-transport-tcp"));
        }
    }
}
