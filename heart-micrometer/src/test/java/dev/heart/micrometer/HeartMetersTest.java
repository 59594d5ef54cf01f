package dev.heart.micrometer;

import static dev.heart.micrometer.Scripted.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeartMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double gauge(String name, String key, String value) {
        return registry.get(name).tag(key, value).gauge().value();
    }

    @Test
    void countsFirstRegistrationsAndRegistrationsAgainAfterARejection() throws Exception {
        // accepted, accepted, rejected twice (health back to UNREGISTERED), accepted from then on
        try (Scripted registry1 = new Scripted("AARRA")) {
            HeartMeters meters =
                    HeartMeters.builder(registry).statsCache(Duration.ZERO).build();
            try (Heart heart = meters.bind(
                    Heart.builder(Scripted.beater()).listener(meters).build())) {
                Beating beating = heart.start(registry1.request("orders-1", "orders"), Duration.ofSeconds(2), 3);
                await("5 requests answered", () -> registry1.requests() >= 6);
                await("a registration again", () -> count(HeartMeters.REREGISTRATIONS) == 1);
                assertEquals(1, count(HeartMeters.REGISTRATIONS, "service", "orders", "scheme", "mem"));
                await(
                        "established and healthy in the gauges",
                        () -> gauge(HeartMeters.BEATINGS, "state", "established") == 1
                                && gauge(HeartMeters.HEALTH, "health", "healthy") == 1);
                assertEquals(0, gauge(HeartMeters.BEATINGS, "state", "connecting"));
                assertEquals(0, gauge(HeartMeters.HEALTH, "health", "lost"));
                beating.stop();
                await("the beating to end", () -> beating.completion().isDone());
                await(
                        "no running beating in the gauges",
                        () -> gauge(HeartMeters.BEATINGS, "state", "established") == 0
                                && gauge(HeartMeters.HEALTH, "health", "healthy") == 0);
            }
            // still exactly one of each: a beating that kept beating was not counted again
            assertEquals(1, count(HeartMeters.REGISTRATIONS));
            assertEquals(1, count(HeartMeters.REREGISTRATIONS));
        }
    }

    @Test
    void countsFailedAttemptsByTheirCause() throws Exception {
        List<Throwable> causes = new CopyOnWriteArrayList<>();
        HeartListener recorder = new HeartListener() {
            @Override
            public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
                causes.add(cause);
            }
        };
        try (Scripted registry1 = new Scripted("FFA")) {
            Heart heart = HeartMeters.build(Heart.builder(Scripted.beater()).listener(recorder), registry);
            try (heart) {
                heart.start(registry1.request("orders-1", "orders"), Duration.ofSeconds(2), 3);
                await("a registration after two failed attempts", () -> count(HeartMeters.REGISTRATIONS) == 1);
            }
        }
        assertEquals(2, causes.size(), "the scripted failures: " + causes);
        Map<String, Long> expected = causes.stream()
                .collect(Collectors.groupingBy(c -> c.getClass().getSimpleName(), TreeMap::new, Collectors.counting()));
        Map<String, Long> published = new TreeMap<>();
        for (Counter c : registry.find(HeartMeters.FAILED_ATTEMPTS).counters()) {
            assertEquals("orders", c.getId().getTag("service"));
            assertEquals("mem", c.getId().getTag("scheme"));
            published.merge(c.getId().getTag("cause"), (long) c.count(), Long::sum);
        }
        assertEquals(expected, published);
    }

    @Test
    void noRegistrantTagUnlessAskedFor() throws Exception {
        assertEquals(Set.of(Tags.of("scheme", "mem", "service", "orders")), registrationTags(false, "heart", "a"));
        assertEquals(
                Set.of(
                        Tags.of("heart", "a", "registrant", "orders-0", "scheme", "mem", "service", "orders"),
                        Tags.of("heart", "a", "registrant", "orders-1", "scheme", "mem", "service", "orders"),
                        Tags.of("heart", "a", "registrant", "orders-2", "scheme", "mem", "service", "orders")),
                registrationTags(true, "heart", "a"));
    }

    /** Runs three registrants of one service to their first registration; the registrations' tag sets. */
    private Set<Tags> registrationTags(boolean registrantTag, String... commonTags) throws Exception {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        HeartMeters.Builder builder = HeartMeters.builder(own).registrantTag(registrantTag);
        if (registrantTag) {
            builder.tags(Tags.of(commonTags));
        }
        HeartMeters meters = builder.build();
        try (Scripted registry1 = new Scripted("A");
                Heart heart = meters.bind(
                        Heart.builder(Scripted.beater()).listener(meters).build())) {
            for (int i = 0; i < 3; i++) {
                heart.start(registry1.request("orders-" + i, "orders"), Duration.ofSeconds(2), 3);
            }
            await(
                    "three registrations",
                    () -> own.find(HeartMeters.REGISTRATIONS).counters().stream()
                                    .mapToDouble(Counter::count)
                                    .sum()
                            == 3);
        }
        return own.find(HeartMeters.REGISTRATIONS).counters().stream()
                .map(Meter::getId)
                .map(id -> Tags.of(id.getTags()))
                .collect(Collectors.toSet());
    }

    @Test
    void bindsOneHeartOnly() {
        HeartMeters meters = HeartMeters.of(registry);
        try (Heart heart = Heart.builder(Scripted.beater()).listener(meters).build();
                Heart other = Heart.builder(Scripted.beater()).build()) {
            meters.bind(heart);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> meters.bind(other));
            assertTrue(e.getMessage().contains("already bound"), e.getMessage());
        }
    }

    @Test
    void refusesBadSettings() {
        assertThrows(NullPointerException.class, () -> HeartMeters.of(null));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> HeartMeters.builder(registry).statsCache(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("statsCache"), e.getMessage());
    }

    @Test
    void gaugesOfAnUnboundListenerAreNotRegistered() {
        HeartMeters.of(registry);
        assertNull(registry.find(HeartMeters.BEATINGS).gauge());
    }
}
