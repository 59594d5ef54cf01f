package dev.heart.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one lookup of transports: indexing, conflicts, routing, clear errors. */
class TransportsTest {
    static final Response OK = Response.accept(RecordsTest.REGISTRY, Duration.ofSeconds(1));

    /** A provider of {@code scheme} that counts what it creates and closes. */
    static class CountingProvider implements TransportProvider {
        final Set<String> schemes;
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        CountingProvider(String... schemes) {
            this.schemes = Set.of(schemes);
        }

        @Override
        public Set<String> schemes() {
            return schemes;
        }

        @Override
        public RequestProtocol create() {
            created.incrementAndGet();
            return new RequestProtocol() {
                @Override
                public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
                    return CompletableFuture.completedFuture(OK);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    static final class OtherProvider extends CountingProvider {
        OtherProvider(String scheme) {
            super(scheme);
        }
    }

    static OutgoingRequest to(String target) {
        return new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), URI.create(target));
    }

    @Test
    void twoProvidersOfOneScheme_failFastNamingBoth() {
        Iterator<TransportProvider> two = List.<TransportProvider>of(
                        new CountingProvider("tcp"), new OtherProvider("TCP"))
                .iterator();
        NoTransportException conflict = assertThrows(NoTransportException.class, () -> Transports.index(two));
        assertTrue(conflict.getMessage().contains("two transports claim scheme 'tcp'"), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("CountingProvider")
                && conflict.getMessage().contains("OtherProvider"));
    }

    @Test
    void aProviderThatFailsToLoad_isReportedNotSwallowed() {
        Iterator<TransportProvider> broken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public TransportProvider next() {
                throw new ServiceConfigurationError("dev.example.Broken: Provider could not be instantiated");
            }
        };
        NoTransportException failure = assertThrows(NoTransportException.class, () -> Transports.index(broken));
        assertTrue(failure.getMessage().contains("dev.example.Broken"), failure.getMessage());
        assertInstanceOf(ServiceConfigurationError.class, failure.getCause());
    }

    @Test
    void routesBySchemeCreatingEachProtocolOnceAndClosingIt() throws Exception {
        CountingProvider mem = new CountingProvider("mem");
        try (RequestProtocol router = Transports.route(Map.of("mem", mem))) {
            assertSame(OK, router.send(to("mem://a"), Duration.ofSeconds(1)).get());
            assertSame(OK, router.send(to("MEM://b"), Duration.ofSeconds(1)).get());
            assertEquals(1, mem.created.get());
        }
        assertEquals(1, mem.closed.get());
    }

    @Test
    void unknownScheme_listsWhatIsAvailableAndWhatToAdd() {
        try (RequestProtocol router = Transports.route(Map.of("mem", new CountingProvider("mem")))) {
            ExecutionException failure = assertThrows(
                    ExecutionException.class,
                    () -> router.send(to("tcp://127.0.0.1:1"), Duration.ofSeconds(1))
                            .get());
            assertEquals(
                    "no transport for scheme 'tcp'; add heart-transport-tcp to the module path; available: [mem]",
                    failure.getCause().getMessage());
            ExecutionException custom = assertThrows(
                    ExecutionException.class,
                    () -> router.send(to("foo://h:1"), Duration.ofSeconds(1)).get());
            assertTrue(custom.getCause().getMessage().contains("provides dev.heart.api.spi.TransportProvider"));
        }
    }

    @Test
    void oneProviderServesSeveralSchemesWithOneProtocol() throws Exception {
        CountingProvider both = new CountingProvider("mem", "mems");
        Map<String, TransportProvider> indexed =
                Transports.index(List.<TransportProvider>of(both).iterator());
        assertEquals(Set.of("mem", "mems"), indexed.keySet());
        try (RequestProtocol router = Transports.route(indexed)) {
            router.check(URI.create("mems://a"));
            assertSame(OK, router.send(to("mem://a"), Duration.ofSeconds(1)).get());
            assertSame(OK, router.send(to("mems://b"), Duration.ofSeconds(1)).get());
            assertEquals(1, both.created.get(), "one protocol for both schemes");
        }
        assertEquals(1, both.closed.get());
    }

    @Test
    void aProviderWithoutSchemes_failsFastNamingIt() {
        NoTransportException none = assertThrows(
                NoTransportException.class,
                () -> Transports.index(
                        List.<TransportProvider>of(new CountingProvider()).iterator()));
        assertTrue(
                none.getMessage().contains("CountingProvider")
                        && none.getMessage().contains("no scheme"),
                none.getMessage());
    }

    @Test
    void theOneHintTableKnowsEveryTransportOfOurs() {
        Map<String, String> expected = Map.of(
                "tcp",
                "heart-transport-tcp",
                "tcps",
                "heart-transport-tcp",
                "etcd",
                "heart-transport-etcd",
                "etcds",
                "heart-transport-etcd",
                "eureka",
                "heart-transport-eureka",
                "eurekas",
                "heart-transport-eureka",
                "zk",
                "heart-transport-zookeeper",
                "zks",
                "heart-transport-zookeeper",
                "mem",
                "heart-testkit");
        expected.forEach((scheme, module) -> assertEquals(
                java.util.Optional.of(module),
                Transports.moduleServing(scheme.toUpperCase(java.util.Locale.ROOT)),
                scheme));
        assertEquals(java.util.Optional.empty(), Transports.moduleServing("foo"));
        try (RequestProtocol router = Transports.route(Map.of())) {
            NoTransportException eurekas =
                    assertThrows(NoTransportException.class, () -> router.check(URI.create("eurekas://h:1/eureka")));
            assertTrue(eurekas.getMessage().contains("add heart-transport-eureka"), eurekas.getMessage());
        }
    }

    @Test
    void closedRouter_failsRequestsWithAClearError() {
        RequestProtocol router = Transports.route(Map.of("mem", new CountingProvider("mem")));
        router.close();
        ExecutionException failure = assertThrows(
                ExecutionException.class,
                () -> router.send(to("mem://a"), Duration.ofSeconds(1)).get());
        assertTrue(failure.getCause().getMessage().contains("closed"));
    }

    @Test
    void routerChecksItsArguments() {
        try (RequestProtocol router = Transports.route(Map.of())) {
            assertThrows(NullPointerException.class, () -> router.send(null, Duration.ofSeconds(1)));
            assertThrows(IllegalArgumentException.class, () -> router.send(to("mem://a"), Duration.ZERO));
        }
    }
}
