package dev.heart.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The registry model (heart-semantics section 7) on a manual monotonic clock. */
class LeaseRegistryTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> events = new ArrayList<>();
    private final RegistryEvents recorder = new RegistryEvents() {
        @Override
        public void registered(RegistrantInfo registrant, int count) {
            events.add("registered " + registrant.id() + " " + count);
        }

        @Override
        public void expired(RegistrantInfo registrant, int count) {
            events.add("expired " + registrant.id() + " " + count);
        }

        @Override
        public void disconnected(RegistrantInfo registrant, int count) {
            events.add("disconnected " + registrant.id() + " " + count);
        }
    };

    private LeaseRegistry registry(String service, int capacity) {
        return new LeaseRegistry(LeaseRegistry.info("r1", service, URI.create("tcp://127.0.0.1:7070"),
                List.of(URI.create("tcp://127.0.0.1:7071"))), capacity, LEASE, now::get, recorder);
    }

    private static Request beat(String id, String service) {
        return Request.beat(RegistrantInfo.of(id, service));
    }

    @Test
    void acceptsWithTheLeaseAndCarriesItsInfoAndCandidates() {
        LeaseRegistry registry = registry("orders", 10);
        Response response = registry.handle(beat("a", "orders"));
        assertFalse(response.reject());
        assertEquals(LEASE, response.timeout());
        assertEquals(registry.info(), response.registry());
        assertEquals(List.of(URI.create("tcp://127.0.0.1:7071")), response.registry().candidates());
        assertEquals(List.of("registered a 1"), events);
        registry.handle(beat("a", "orders"));
        assertEquals(1, events.size(), "a known registrant is not registered twice");
    }

    @Test
    void rejectsAnotherServiceTypeUnlessItAcceptsAny() {
        Response wrong = registry("orders", 10).handle(beat("a", "payments"));
        assertTrue(wrong.reject());
        assertEquals(Duration.ZERO, wrong.timeout());
        assertFalse(registry(LeaseRegistry.ANY_SERVICE, 10).handle(beat("a", "payments")).reject());
    }

    @Test
    void fullRejectsNewcomersButRenewsTheKnown() {
        LeaseRegistry registry = registry("s", 2);
        registry.handle(beat("a", "s"));
        registry.handle(beat("b", "s"));
        assertTrue(registry.handle(beat("c", "s")).reject(), "come back later");
        assertFalse(registry.handle(beat("a", "s")).reject());
        assertEquals(2, registry.size());
        assertEquals(1, registry.rejectedCount());
        assertEquals(3, registry.acceptedCount());
    }

    @Test
    void aDisconnectForgetsAndIsRejected() {
        LeaseRegistry registry = registry("s", 1);
        registry.handle(beat("a", "s"));
        assertTrue(registry.handle(beat("a", "s").asDisconnect()).reject());
        assertEquals(List.of("registered a 1", "disconnected a 0"), events);
        assertFalse(registry.isAlive("s", "a"));
        assertFalse(registry.handle(beat("b", "s")).reject(), "the place is free again");
        assertTrue(registry.handle(beat("zz", "s").asDisconnect()).reject(), "an unknown disconnect is rejected");
        assertEquals(3, events.size());
    }

    @Test
    void registrantsExpireAfterTheirDeadlineInclusive() {
        LeaseRegistry registry = registry("s", 10);
        registry.handle(beat("a", "s"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        registry.handle(beat("b", "s"));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        registry.expire();
        assertTrue(registry.isAlive("s", "a"), "alive until its deadline, inclusive");
        now.incrementAndGet();
        registry.expire();
        assertFalse(registry.isAlive("s", "a"));
        assertTrue(registry.isAlive("s", "b"));
        assertEquals(List.of("registered a 1", "registered b 2", "expired a 1"), events);
        registry.handle(beat("b", "s"));
        now.addAndGet(LEASE.toNanos() + 1);
        registry.handle(beat("c", "s"));
        assertEquals("expired b 0", events.get(3), "a renewal moved b's deadline; expiry also runs on requests");
        assertEquals(1, registry.size());
    }

    @Test
    void checksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> registry("s", 0));
        assertThrows(IllegalArgumentException.class, () -> new LeaseRegistry(registry("s", 1).info(), 1,
                Duration.ZERO, now::get, RegistryEvents.NONE));
    }
}
