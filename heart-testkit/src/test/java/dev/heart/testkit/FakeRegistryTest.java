package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeRegistryTest {
    private final VirtualTime time = VirtualTime.create();
    private final List<URI> candidates = List.of(URI.create("mem://other"));
    private final FakeRegistry registry = FakeRegistry.create(
            RegistryConfig.of("svc", Duration.ofSeconds(30)).withCapacity(2).withCandidates(candidates), time);

    private static Request beat(String id) {
        return Request.beat(RegistrantInfo.of(id, "svc"));
    }

    @Test
    void acceptsKnownAndNewRegistrantsUnderCapacityWithItsDeadline() {
        Response first = registry.handle(beat("a"));
        assertFalse(first.reject());
        assertEquals(Duration.ofSeconds(30), first.timeout());
        assertEquals(candidates, first.registry().candidates());
        assertFalse(registry.handle(beat("b")).reject());
        Response full = registry.handle(beat("c"));
        assertEquals(RejectReason.CAPACITY, full.rejectReason(), "full: come back later");
        assertFalse(registry.handle(beat("a")).reject(), "known registrants are still accepted");
        assertEquals(
                List.of("b", "a"),
                registry.alive().stream().map(RegistrantInfo::id).toList(),
                "in the order of their last beat");
    }

    @Test
    void rejectsAnotherServiceTypeAndForgetsOnDisconnect() {
        assertTrue(
                registry.handle(Request.beat(RegistrantInfo.of("x", "other"))).reject());
        registry.handle(beat("a"));
        Response goodbye = registry.handle(beat("a").asDisconnect());
        assertTrue(goodbye.reject());
        assertEquals(candidates, goodbye.registry().candidates());
        assertFalse(registry.isAlive("a"));
        assertEquals(List.of(), registry.expiries());
    }

    @Test
    void dropsRegistrantsWhoseDeadlinePassedAndRecordsWhen() {
        registry.handle(beat("a"));
        time.advance(Duration.ofSeconds(30));
        assertTrue(registry.isAlive("a"), "alive until its deadline, inclusive");
        time.advance(Duration.ofMillis(1));
        assertFalse(registry.isAlive("a"));
        assertEquals(
                List.of(new FakeRegistry.Expiry(Duration.ofSeconds(30), RegistrantInfo.of("a", "svc"), Duration.ZERO)),
                registry.expiries());
        assertFalse(registry.handle(beat("a")).reject(), "comes back as a new registrant");
    }

    @Test
    void aGrowingDeadlineGrowsPerBeatUpToItsMaximum() {
        FakeRegistry growing = FakeRegistry.create(
                RegistryConfig.of("svc", Duration.ofSeconds(10))
                        .withGrowingDeadline(Duration.ofSeconds(5), Duration.ofSeconds(18)),
                time);
        List<Duration> deadlines = List.of(
                growing.handle(beat("a")).timeout(),
                growing.handle(beat("a")).timeout(),
                growing.handle(beat("a")).timeout());
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(18)), deadlines);
    }

    @Test
    void aRestartForgetsEveryoneAndRecordsArrivalsInOrder() {
        registry.handle(beat("a"));
        time.advance(Duration.ofSeconds(1));
        registry.restart();
        assertEquals(List.of(), registry.alive());
        assertEquals(List.of(Duration.ofSeconds(1)), registry.restarts());
        registry.handle(beat("b"));
        assertEquals(
                List.of("a", "b"),
                registry.arrivals().stream()
                        .map(FakeRegistry.Arrival::registrantId)
                        .toList());
        assertEquals(Duration.ofSeconds(1), registry.arrivals().get(1).at());
    }
}
