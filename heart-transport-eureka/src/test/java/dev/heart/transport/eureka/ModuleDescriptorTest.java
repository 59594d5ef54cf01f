package dev.heart.transport.eureka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Black box, on the module path: the descriptor exports the public package only, needs nothing
 * but the api, Jackson's core and the JDK, provides both schemes, and {@link Transports} finds
 * {@code eureka} and {@code eurekas} through it.
 */
class ModuleDescriptorTest {
    static final ModuleDescriptor DESCRIPTOR = EurekaTransport.class.getModule().getDescriptor();
    static final Set<String> PROVIDERS = Set.of("dev.heart.transport.eureka.internal.EurekaTransportProvider");

    @Test
    void isANamedModuleOnTheModulePath() {
        assertTrue(EurekaTransport.class.getModule().isNamed());
        assertEquals("dev.heart.transport.eureka", DESCRIPTOR.name());
    }

    @Test
    void transportsFindsBothSchemes() {
        Map<String, TransportProvider> providers = Transports.providers();
        for (String scheme : List.of("eureka", "eurekas")) {
            TransportProvider provider = providers.get(scheme);
            assertNotNull(provider, scheme + " among " + providers.keySet());
            assertEquals("heart-transport-eureka", provider.artifact());
            assertEquals(
                    "dev.heart.transport.eureka",
                    provider.getClass().getModule().getName());
            try (RequestProtocol protocol = provider.create()) {
                assertNotNull(protocol);
            }
        }
    }

    @Test
    void exportsOnlyThePublicPackageAndRequiresOnlyTheApiJacksonAndTheJdk() {
        assertEquals(
                Set.of("dev.heart.transport.eureka"),
                DESCRIPTOR.exports().stream()
                        .map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet()));
        assertFalse(EurekaTransport.class.getModule().isExported("dev.heart.transport.eureka.internal"));
        assertEquals(
                PROVIDERS,
                DESCRIPTOR.provides().stream()
                        .filter(p -> p.service().equals(TransportProvider.class.getName()))
                        .flatMap(p -> p.providers().stream())
                        .collect(Collectors.toSet()));
        Set<String> requires = DESCRIPTOR.requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertEquals(
                Set.of("java.base", "dev.heart.api", "java.net.http", "com.fasterxml.jackson.core", "org.slf4j"),
                requires);
        Set<String> compileOnly = DESCRIPTOR.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("org.jspecify"), compileOnly, "the nullness annotations are needed to compile only");
    }

    @Test
    void shipsAServicesFileForClassPathUsers() throws IOException {
        try (InputStream in = EurekaTransport.class
                .getModule()
                .getResourceAsStream("META-INF/services/dev.heart.api.spi.TransportProvider")) {
            assertNotNull(in, "META-INF/services file missing");
            assertEquals(
                    PROVIDERS,
                    Set.of(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .strip()
                            .split("\n")));
        }
    }
}
