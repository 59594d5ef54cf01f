package dev.heart.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Black box: the module descriptor works on the module path. */
class ModuleTest {

    @Test
    void runsAsANamedModule() {
        Module module = TcpTransport.class.getModule();
        assertTrue(module.isNamed(), "tests run on the module path");
        assertEquals("dev.heart.transport.tcp", module.getName());
    }

    @Test
    void transportsFindsTheTcpScheme() {
        Map<String, TransportProvider> providers = Transports.providers();
        TransportProvider tcp = providers.get("tcp");
        assertTrue(tcp != null, "providers: " + providers.keySet());
        assertEquals("heart-transport-tcp", tcp.artifact());
        assertEquals("dev.heart.transport.tcp", tcp.getClass().getModule().getName());
    }

    @Test
    void onlyTheApiPackageIsExported() {
        ModuleDescriptor descriptor = TcpTransport.class.getModule().getDescriptor();
        Set<String> exported = descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.heart.transport.tcp"), exported);
        assertFalse(TcpTransport.class.getModule().isExported("dev.heart.transport.tcp.internal"));
        assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(TransportProvider.class.getName())));
    }

    @Test
    void aBeatGoesThroughTransportsToARegistryServer() throws Exception {
        RegistryInfo registry = RegistryInfo.of("reg", "svc", URI.create("tcp://127.0.0.1:1"));
        try (TcpRegistryServer server = TcpRegistryServer.start(request -> request.disconnect()
                        ? Response.reject(registry)
                        : Response.accept(registry, Duration.ofSeconds(7)));
                RequestProtocol transports = Transports.load()) {
            Request beat = Request.beat(RegistrantInfo.of("me", "svc"));
            Response accepted = transports
                    .send(new OutgoingRequest(beat, server.uri()), Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(Response.accept(registry, Duration.ofSeconds(7)), accepted);
            Response rejected = transports
                    .send(new OutgoingRequest(beat.asDisconnect(), server.uri()), Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS);
            assertTrue(rejected.reject());
        }
    }

    @Test
    void serverReportsItsBoundAddress() {
        try (TcpRegistryServer server = TcpRegistryServer.start(request -> {
            throw new UnsupportedOperationException();
        })) {
            assertTrue(server.address().getPort() > 0);
            assertEquals(URI.create("tcp://127.0.0.1:" + server.address().getPort()), server.uri());
        }
    }
}
