package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The mem transport. Its provider is listed in META-INF/services only, not in the module
 * descriptor, on purpose: a descriptor that provides a service makes Surefire put the testkit on
 * a modular user project's module path, where the user's tests cannot read it; on the class path
 * they can, and ServiceLoader finds mem there exactly as it finds tcp (examples/modular-user
 * proves it). Here, on the testkit's own module path, the protocol is made directly.
 */
class MemTransportTest {

    @Test
    void memIsListedForServiceLoaderOnTheClassPathAndNotProvidedByTheDescriptor() throws Exception {
        assertTrue(MemTransportTest.class.getModule().isNamed(), "tests run on the module path");
        java.lang.module.ModuleDescriptor descriptor =
                MemTransportTest.class.getModule().getDescriptor();
        assertTrue(descriptor.provides().isEmpty(), descriptor.provides()::toString);
        assertTrue(
                descriptor.exports().stream().noneMatch(e -> e.source().equals("dev.heart.testkit.mem")),
                "the mem package is not exported");
        try (java.io.InputStream services = MemTransportTest.class
                .getModule()
                .getResourceAsStream("META-INF/services/dev.heart.api.spi.TransportProvider")) {
            assertTrue(services != null, "META-INF/services lists the provider");
            assertEquals(
                    "dev.heart.testkit.mem.MemTransportProvider",
                    new String(services.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
        }
        assertEquals("heart-testkit", new dev.heart.testkit.mem.MemTransportProvider().artifact());
    }

    @Test
    void anUnknownNameFailsWithATransportExceptionNamingIt() {
        try (RequestProtocol router = MemNetwork.protocol()) {
            OutgoingRequest request =
                    new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), MemNetwork.uri("nowhere"));
            ExecutionException e = assertThrows(
                    ExecutionException.class,
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
        try (MemBinding binding = MemNetwork.bind(name, registry);
                RequestProtocol router = MemNetwork.protocol()) {
            assertThrows(IllegalStateException.class, () -> MemNetwork.bind(name, registry));
            OutgoingRequest request = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), binding.uri());
            assertEquals(
                    Duration.ofSeconds(30),
                    router.send(request, Duration.ofSeconds(5)).get().timeout());
            assertTrue(registry.isAlive("a"));
        }
        assertTrue(!MemNetwork.names().contains(name), "closing unbinds");
    }
}
