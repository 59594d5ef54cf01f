package dev.heart.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.LeaseToken;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The registry model on a manual monotonic clock. */
class LeaseRegistryTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final URI CANDIDATE = URI.create("tcp://127.0.0.1:7071");
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> events = new ArrayList<>();
    private final RegistryEvents recorder = new RegistryEvents() {
        @Override
        public void registered(RegistrantInfo registrant, int count) {
            events.add("registered " + registrant.id() + " " + count);
        }

        @Override
        public void renewed(RegistrantInfo registrant, Duration sinceLastBeat) {
            events.add("renewed " + registrant.id() + " after " + sinceLastBeat.toMillis() + "ms");
        }

        @Override
        public void expired(RegistrantInfo registrant, long lastBeatNanos, long deadlineNanos, int count) {
            events.add("expired " + registrant.id() + " " + count + " lease " + (deadlineNanos - lastBeatNanos));
        }

        @Override
        public void disconnected(RegistrantInfo registrant, int count) {
            events.add("disconnected " + registrant.id() + " " + count);
        }
    };

    private static RegistryInfo info(String service) {
        return new RegistryInfo("r1", service, URI.create("tcp://127.0.0.1:7070"), List.of(CANDIDATE), Map.of());
    }

    private LeaseRegistry.Builder builder(String service, int capacity) {
        return LeaseRegistry.builder(info(service))
                .capacity(capacity)
                .lease(LEASE)
                .ticker(now::get)
                .events(recorder)
                .ownership(true);
    }

    private LeaseRegistry registry(String service, int capacity) {
        return builder(service, capacity).build();
    }

    private static Request beat(String id, String service) {
        return Request.beat(RegistrantInfo.of(id, service));
    }

    /** The last token each registrant id received: the tests beat as the engine does, carrying it. */
    private final Map<String, LeaseToken> tokens = new java.util.HashMap<>();

    private Response handle(LeaseRegistry registry, Request request) {
        Response response = registry.handle(
                request.withToken(tokens.get(request.registrant().id())));
        if (!response.reject() && response.token() != null) {
            tokens.put(request.registrant().id(), response.token());
        } else if (response.notRegistered()) {
            tokens.remove(request.registrant().id());
        }
        return response;
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void acceptsWithTheLeaseAndCarriesItsInfoAndCandidates() {
        LeaseRegistry registry = registry("orders", 10);
        Response response = handle(registry, beat("a", "orders"));
        assertFalse(response.reject());
        assertNull(response.rejectReason());
        assertEquals(LEASE, response.timeout());
        assertEquals(registry.info(), response.registry());
        assertEquals(List.of(CANDIDATE), response.registry().candidates());
        advance(Duration.ofMillis(1500));
        handle(registry, beat("a", "orders"));
        assertEquals(List.of("registered a 1", "renewed a after 1500ms"), events, "a known registrant is renewed");
    }

    @Test
    void rejectsAnotherServiceTypeAsForbiddenUnlessItAcceptsAny() {
        Response wrong = registry("orders", 10).handle(beat("a", "payments"));
        assertTrue(wrong.reject());
        assertEquals(RejectReason.FORBIDDEN, wrong.rejectReason());
        assertEquals(Duration.ZERO, wrong.timeout());
        LeaseRegistry any = registry(LeaseRegistry.ANY_SERVICE, 10);
        assertFalse(handle(any, beat("a", "payments")).reject());
        assertFalse(handle(any, beat("a", "orders")).reject());
        assertEquals(2, any.size(), "told apart by service type and id");
        assertTrue(any.isAlive("orders", "a"));
        assertFalse(any.isAlive("billing", "a"));
    }

    @Test
    void fullRejectsNewcomersWithCapacityButRenewsTheKnown() {
        LeaseRegistry registry = registry("s", 2);
        handle(registry, beat("a", "s"));
        handle(registry, beat("b", "s"));
        Response full = handle(registry, beat("c", "s"));
        assertEquals(RejectReason.CAPACITY, full.rejectReason(), "come back later");
        assertFalse(handle(registry, beat("a", "s")).reject());
        assertEquals(2, registry.size());
        assertEquals(1, registry.rejectedCount());
        assertEquals(3, registry.acceptedCount());
    }

    @Test
    void aDisconnectForgetsAndIsRejectedAsDisconnected() {
        LeaseRegistry registry = registry("s", 1);
        handle(registry, beat("a", "s"));
        Response left = handle(registry, beat("a", "s").asDisconnect());
        assertEquals(RejectReason.DISCONNECTED, left.rejectReason());
        assertEquals(List.of("registered a 1", "disconnected a 0"), events);
        assertFalse(registry.isAlive("s", "a"));
        assertFalse(handle(registry, beat("b", "s")).reject(), "the place is free again");
        assertEquals(
                RejectReason.DISCONNECTED,
                handle(registry, beat("zz", "s").asDisconnect()).rejectReason(),
                "an unknown disconnect is rejected too");
        assertEquals(3, events.size(), "an unknown disconnect tells nothing");
    }

    @Test
    void registrantsExpireAfterTheirDeadlineInclusive() {
        LeaseRegistry registry = registry("s", 10);
        handle(registry, beat("a", "s"));
        advance(Duration.ofSeconds(1));
        handle(registry, beat("b", "s"));
        advance(Duration.ofSeconds(2));
        registry.expire();
        assertTrue(registry.isAlive("s", "a"), "alive until its deadline, inclusive");
        now.incrementAndGet();
        registry.expire();
        assertFalse(registry.isAlive("s", "a"));
        assertTrue(registry.isAlive("s", "b"));
        assertEquals(List.of("registered a 1", "registered b 2", "expired a 1 lease " + LEASE.toNanos()), events);
        handle(registry, beat("b", "s"));
        advance(LEASE.plusNanos(1));
        handle(registry, beat("c", "s"));
        assertEquals(
                "expired b 0 lease " + LEASE.toNanos(),
                events.get(4),
                "a renewal moved b's deadline; expiry also runs on requests");
        assertEquals(1, registry.size());
        assertEquals(List.of(RegistrantInfo.of("c", "s")), registry.alive());
    }

    @Test
    void aGrowingLeaseGrowsPerRenewalUpToItsMaximumAndStillExpires() {
        LeaseRegistry registry = builder("s", 10)
                .leaseGrowth(Duration.ofSeconds(2), Duration.ofSeconds(6))
                .build();
        List<Duration> leases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            leases.add(handle(registry, beat("a", "s")).timeout());
        }
        assertEquals(List.of(LEASE, Duration.ofSeconds(5), Duration.ofSeconds(6), Duration.ofSeconds(6)), leases);
        handle(registry, beat("b", "s")); // b beat after a, with the base lease
        advance(LEASE.plusNanos(1));
        assertEquals(
                List.of(RegistrantInfo.of("a", "s")),
                registry.alive(),
                "b expired although a, which beat before it, holds a longer lease");
        advance(Duration.ofSeconds(3));
        assertEquals(List.of(), registry.alive());
        assertTrue(events.contains("expired a 0 lease " + Duration.ofSeconds(6).toNanos()), events::toString);
    }

    @Test
    void forgetAllIsARestartThatLosesEveryoneWithoutEvents() {
        LeaseRegistry registry = registry("s", 10);
        handle(registry, beat("a", "s"));
        handle(registry, beat("b", "s"));
        assertEquals(2, registry.forgetAll());
        assertEquals(0, registry.size());
        handle(registry, beat("a", "s"));
        assertEquals(List.of("registered a 1", "registered b 2", "registered a 1"), events);
    }

    @Test
    void aThrowingListenerIsLoggedAndTheAnswerStands() {
        LeaseRegistry registry = LeaseRegistry.builder(info("s"))
                .ticker(now::get)
                .events(new RegistryEvents() {
                    @Override
                    public void registered(RegistrantInfo registrant, int count) {
                        throw new IllegalStateException("boom");
                    }
                })
                .build();
        assertFalse(handle(registry, beat("a", "s")).reject());
        assertTrue(registry.isAlive("s", "a"));
    }

    @Test
    void answersTheSameResponseObjectForAFixedLeaseWithoutOwnership() {
        LeaseRegistry registry = builder("s", 10).ownership(false).build();
        assertSame(registry.handle(beat("a", "s")), registry.handle(beat("a", "s")), "no allocation per renewal");
    }

    @Test
    void checksItsSettingsWhenSet() {
        LeaseRegistry.Builder builder = LeaseRegistry.builder(info("s"));
        assertEquals(
                "capacity must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> builder.capacity(0))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.lease(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.lease(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> builder.lease(null));
        assertThrows(
                IllegalArgumentException.class,
                () -> builder.leaseGrowth(Duration.ofSeconds(-1), Duration.ofSeconds(20)));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> builder.leaseGrowth(Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .getMessage()
                .contains("max"));
        assertThrows(NullPointerException.class, () -> builder.ticker(null));
        assertThrows(NullPointerException.class, () -> builder.events(null));
        assertThrows(NullPointerException.class, () -> LeaseRegistry.builder(null));
        assertThrows(NullPointerException.class, () -> builder.build().handle(null));
        assertEquals(10_000, builder.build().capacity());
        assertEquals(Duration.ofSeconds(10), builder.build().lease());
    }

    @Test
    void refusesLeasesItsNanosecondDeadlinesCannotHold() {
        LeaseRegistry.Builder builder = LeaseRegistry.builder(info("s"));
        Duration hundredYears = Duration.ofDays(36_500);
        assertEquals(
                "lease must be at most 100 years (PT876000H), was PT876000H1S",
                assertThrows(IllegalArgumentException.class, () -> builder.lease(hundredYears.plusSeconds(1)))
                        .getMessage());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> builder.leaseGrowth(Duration.ofSeconds(1), Duration.ofDays(200 * 365)))
                .getMessage()
                .startsWith("max must be at most 100 years"));
        // the longest lease works: a registrant registered with it is alive, not expired by an overflow
        now.set(Long.MAX_VALUE - 1_000);
        LeaseRegistry registry = builder.lease(hundredYears).ticker(now::get).build();
        assertFalse(registry.handle(beat("a", "s")).reject());
        advance(Duration.ofDays(365));
        registry.expire();
        assertTrue(registry.isAlive("s", "a"));
    }

    @Test
    void concurrentNewcomersNeverOverfillItAndEachRegistrationIsToldOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        LeaseRegistry registry = LeaseRegistry.builder(info("s"))
                .capacity(500)
                .ticker(now::get)
                .events(new RegistryEvents() {
                    @Override
                    public void registered(RegistrantInfo registrant, int count) {
                        told.incrementAndGet();
                    }
                })
                .build();
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int from = t * 300;
            Thread thread = new Thread(
                    () -> {
                        for (int i = from; i < from + 300; i++) {
                            if (!registry.handle(beat("r" + i, "s")).reject()) {
                                accepted.incrementAndGet();
                            }
                        }
                    },
                    "heart-test-registrant-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(java.util.concurrent.TimeUnit.MINUTES.toMillis(1));
        }
        assertEquals(500, accepted.get());
        assertEquals(500, told.get());
        assertEquals(500, registry.size());
        assertEquals(700, registry.rejectedCount());
    }

    @Test
    void aRegistrationBelongsToItsOwnerImpostorsAreForbiddenAndTheOwnerIsUndisturbed() {
        LeaseRegistry registry = builder("s", 10).ownership(true).build();
        Response first = registry.handle(beat("a", "s"));
        LeaseToken owner = first.token();
        assertEquals(16, owner.length(), "a 128-bit token on the first registration");
        LeaseToken wrong = LeaseToken.of(new byte[16]);
        advance(Duration.ofSeconds(2));
        for (Request impostor : List.of(
                beat("a", "s"),
                beat("a", "s").withToken(wrong),
                beat("a", "s").asDisconnect(),
                beat("a", "s").asDisconnect().withToken(wrong))) {
            Response refused = registry.handle(impostor);
            assertTrue(refused.reject(), impostor::toString);
            assertEquals(RejectReason.FORBIDDEN, refused.rejectReason(), "not yours: " + impostor);
            assertNull(refused.token(), "a refusal never tells the owner's token");
        }
        assertTrue(registry.isAlive("s", "a"), "the disconnects without the token removed nothing");
        advance(Duration.ofMillis(1001));
        assertFalse(registry.isAlive("s", "a"), "the impostors' beats did not renew the lease");

        Response again = registry.handle(beat("a", "s").withToken(owner));
        assertFalse(again.reject(), "after its lease ended, the id registers again");
        LeaseToken renewed = again.token();
        assertFalse(renewed.matches(owner), "with a new token");
        assertEquals(
                RejectReason.FORBIDDEN,
                registry.handle(beat("a", "s").withToken(owner)).rejectReason());
        Response beat = registry.handle(beat("a", "s").withToken(renewed));
        assertFalse(beat.reject());
        assertTrue(beat.token().matches(renewed), "every acceptance carries the owner's token");
        assertEquals(
                RejectReason.DISCONNECTED,
                registry.handle(beat("a", "s").asDisconnect().withToken(renewed))
                        .rejectReason());
        assertFalse(registry.isAlive("s", "a"));
    }

    @Test
    void ownershipIsOnByDefault() {
        LeaseRegistry registry = LeaseRegistry.builder(info("s")).build();
        Response first = registry.handle(beat("a", "s"));
        assertTrue(first.token() != null, "a new registration gets a token");
        assertEquals(
                RejectReason.FORBIDDEN,
                registry.handle(beat("a", "s")).rejectReason(),
                "a beat without the owner's token");
        assertEquals(
                RejectReason.FORBIDDEN,
                registry.handle(beat("a", "s").asDisconnect()).rejectReason(),
                "a disconnect without the owner's token");
        assertTrue(registry.isAlive("s", "a"));
    }

    @Test
    void withoutOwnershipNoTokenIsIssuedOrAsked() {
        LeaseRegistry registry =
                LeaseRegistry.builder(info("s")).ownership(false).build();
        assertNull(registry.handle(beat("a", "s")).token());
        assertFalse(registry.handle(beat("a", "s")).reject());
    }

    @Test
    void theByteBudgetBoundsWhatTheRegistryKeepsAttributesIncluded() {
        long oneRegistrant = LeaseTable.bytesOf(new RegistrantInfo("r0", "s", Map.of("blob", "x".repeat(10_000))));
        LeaseRegistry registry = builder("s", 1000).maxBytes(3 * oneRegistrant).build();
        List<RejectReason> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response response = handle(
                    registry, Request.beat(new RegistrantInfo("r" + i, "s", Map.of("blob", "x".repeat(10_000)))));
            answers.add(response.reject() ? response.rejectReason() : null);
        }
        assertEquals(java.util.Arrays.asList(null, null, null, RejectReason.CAPACITY, RejectReason.CAPACITY), answers);
        assertEquals(3 * oneRegistrant, registry.bytes());
        Response grown =
                handle(registry, Request.beat(new RegistrantInfo("r0", "s", Map.of("blob", "x".repeat(20_000)))));
        assertEquals(RejectReason.CAPACITY, grown.rejectReason(), "a renewal may not grow past the budget");
        assertFalse(handle(registry, beat("r0", "s")).reject(), "a smaller renewal fits");
        assertTrue(registry.bytes() < 3 * oneRegistrant);
        assertThrows(IllegalArgumentException.class, () -> builder("s", 1).maxBytes(0));
    }
}
