package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.TransportException;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Black box: the module descriptor provides the mem transport, found as any transport is. */
class MemTransportTest {

    @Test
    void transportsFindMemOnTheModulePath() {
        Map<String, TransportProvider> providers = Transports.providers();
        assertTrue(providers.containsKey("mem"), "providers: " + providers.keySet());
        assertEquals("heart-testkit", providers.get("mem").artifact());
        assertTrue(MemTransportTest.class.getModule().isNamed(), "tests run on the module path");
        assertTrue(!MemTransportTest.class.getModule().getDescriptor().exports().stream()
                .anyMatch(e -> e.source().equals("dev.heart.testkit.mem")), "the mem package is not exported");
    }

    @Test
    void anUnknownNameFailsWithATransportExceptionNamingIt() {
        try (RequestProtocol router = Transports.load()) {
            OutgoingRequest request = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), MemNetwork.uri("nowhere"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> router.send(request, Duration.ofSeconds(1)).get());
            TransportException cause = assertInstanceOf(TransportException.class, e.getCause());
            assertTrue(cause.getMessage().contains("'nowhere'"), cause.getMessage());
        }
    }

    @Test
    void aBoundNameIsReachedThroughTheRouterAndTakenOnlyOnce() throws Exception {
        VirtualTime time = VirtualTime.create();
        FakeRegistry registry = FakeRegistry.create(RegistryConfig.of("svc", Duration.ofSeconds(30)), time);
        String name = MemNetwork.uniqueName("router");
        try (MemBinding binding = MemNetwork.bind(name, registry); RequestProtocol router = Transports.load()) {
            assertThrows(IllegalStateException.class, () -> MemNetwork.bind(name, registry));
            OutgoingRequest request = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), binding.uri());
            assertEquals(Duration.ofSeconds(30), router.send(request, Duration.ofSeconds(5)).get().timeout());
            assertTrue(registry.isAlive("a"));
        }
        assertTrue(!MemNetwork.names().contains(name), "closing unbinds");
    }
}
