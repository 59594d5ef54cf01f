package dev.heart.transport.etcd;

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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Black box, on the module path: the descriptor exports the public package only, provides the
 * transport service, and {@link Transports} finds the {@code etcd} scheme through it.
 */
class ModuleDescriptorTest {
    static final ModuleDescriptor DESCRIPTOR = EtcdTransport.class.getModule().getDescriptor();

    @Test
    void isANamedModuleOnTheModulePath() {
        assertTrue(EtcdTransport.class.getModule().isNamed());
        assertEquals("dev.heart.transport.etcd", DESCRIPTOR.name());
    }

    @Test
    void transportsFindsTheEtcdScheme() {
        Map<String, TransportProvider> providers = Transports.providers();
        assertNotNull(providers.get("etcds"), "providers found: " + providers.keySet());
        TransportProvider etcd = providers.get("etcd");
        assertNotNull(etcd, "providers found: " + providers.keySet());
        assertEquals("heart-transport-etcd", etcd.artifact());
        assertEquals("dev.heart.transport.etcd", etcd.getClass().getModule().getName());
        try (RequestProtocol protocol = etcd.create()) {
            assertNotNull(protocol);
        }
    }

    @Test
    void exportsOnlyThePublicPackageAndProvidesTheTransport() {
        assertEquals(
                Set.of("dev.heart.transport.etcd"),
                DESCRIPTOR.exports().stream()
                        .map(ModuleDescriptor.Exports::source)
                        .collect(Collectors.toSet()));
        assertFalse(EtcdTransport.class.getModule().isExported("dev.heart.transport.etcd.internal"));
        assertEquals(
                Set.of("dev.heart.transport.etcd.internal.EtcdTransportProvider"),
                DESCRIPTOR.provides().stream()
                        .filter(p -> p.service().equals(TransportProvider.class.getName()))
                        .flatMap(p -> p.providers().stream())
                        .collect(Collectors.toSet()));
        Set<String> requires = DESCRIPTOR.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertTrue(
                requires.containsAll(Set.of("dev.heart.api", "io.grpc", "io.grpc.netty.shaded", "com.google.protobuf")),
                "requires: " + requires);
        assertFalse(requires.contains("com.fasterxml.jackson.core"), "the JSON gateway client is gone: " + requires);
        assertFalse(requires.contains("dev.heart.engine"), "the transport needs the api only: " + requires);
    }

    @Test
    void shipsAServicesFileForClassPathUsers() throws IOException {
        try (InputStream in = EtcdTransport.class
                .getModule()
                .getResourceAsStream("META-INF/services/dev.heart.api.spi.TransportProvider")) {
            assertNotNull(in, "META-INF/services file missing");
            assertEquals(
                    "dev.heart.transport.etcd.internal.EtcdTransportProvider",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
