package dev.heart.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.engine.FaultyLeaseRegistry.Sent;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The front door: one call registers; one heart runs registrations of any number of beaters. */
class RegisterTest {
    static final URI R1 = URI.create("mem://r1");
    static final Duration LEASE = Duration.ofSeconds(3);

    final ManualTime time = new ManualTime();
    final FaultyLeaseRegistry registry = new FaultyLeaseRegistry(time, LEASE);

    Heart heart() {
        return Heart.builder()
                .protocol(registry)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
    }

    List<Sent> sentBy(String id) {
        return registry.sent.stream()
                .filter(s -> s.request().request().registrant().id().equals(id))
                .toList();
    }

    @Test
    void oneCallRegisters_andKeepsTheRegistrantRegistered_untilTheHandleIsClosed() {
        Heart heart = heart();
        Beating registration = heart.register(RegistrantInfo.of("a", "svc"), R1);
        time.advance(Duration.ofSeconds(30));
        assertEquals(Set.of("a"), registry.registered(R1), "registered, and renewed for ten leases");
        assertEquals(Health.HEALTHY, registration.health());
        assertTrue(
                registration.stats().beats() >= 10,
                "beats: " + registration.stats().beats());

        registration.stop(); // close() is stop() and a wait; in virtual time the test moves time instead
        time.advance(Duration.ofSeconds(2));
        List<Sent> sent = sentBy("a");
        assertTrue(sent.get(sent.size() - 1).request().request().disconnect(), "left with one disconnect");
        assertInstanceOf(
                CancellationException.class,
                assertThrows(
                                java.util.concurrent.CompletionException.class,
                                () -> registration.completion().join())
                        .getCause());
        assertEquals(Set.of(), registry.registered(R1));
        assertEquals(0, heart.runningBeatings());
    }

    @Test
    void theFirstBeatFollowsTheBeatersPlan() {
        HeartBeater late = new HeartBeater() {
            @Override
            public void beat(dev.heart.api.BeatAnswer answer) {}

            @Override
            public AttemptPlan firstPlan(OutgoingRequest first) {
                return new AttemptPlan(Duration.ofSeconds(7), Attempts.once(Duration.ofMillis(300)));
            }
        };
        long start = time.nanoTime();
        heart().register(RegistrantInfo.of("late", "svc"), R1, late);
        time.advance(Duration.ofSeconds(10));
        assertEquals(1, sentBy("late").size());
        assertEquals(Duration.ofSeconds(7).toNanos(), sentBy("late").get(0).at() - start, "after the plan's delay");
    }

    @Test
    void registrationsWithDifferentBeatersShareOneHeart() {
        Heart heart = heart();
        HeartBeater fixed = FixedRateBeater.builder(Duration.ofMillis(500)).build();
        HeartBeater lease = LeaseFollowingBeater.builder().fraction(0.5).build();
        Beating a = heart.register(RegistrantInfo.of("a", "svc"), R1, fixed);
        Beating b = heart.register(RegistrantInfo.of("b", "svc"), R1, lease);
        Beating c = heart.register(RegistrantInfo.of("c", "svc"), R1);
        time.advance(Duration.ofSeconds(20));
        assertEquals(Set.of("a", "b", "c"), registry.registered(R1));
        assertEquals(3, heart.runningBeatings());
        long aBeats = sentBy("a").size();
        long bBeats = sentBy("b").size();
        long cBeats = sentBy("c").size();
        assertTrue(aBeats >= 30, "a beats about every 0.5 s, its own policy: " + aBeats);
        assertTrue(bBeats >= 12 && bBeats <= 20, "b at half its lease: " + bBeats);
        assertTrue(cBeats >= 18 && cBeats <= 30, "c at the default third of its lease: " + cBeats);
        assertFalse(a.completion().isDone()
                || b.completion().isDone()
                || c.completion().isDone());
        heart.closeAsync();
        time.advance(Duration.ofSeconds(2));
        assertEquals(0, heart.runningBeatings());
    }

    @Test
    void closingTheHandleLeavesTheRegistry_inRealTime() throws Exception {
        try (Heart heart = Heart.builder().protocol(new InstantRegistry()).build()) {
            Beating registration = heart.register(RegistrantInfo.of("a", "svc"), R1);
            registration.close();
            assertTrue(registration.completion().isDone(), "close returns once the beating has ended");
            CompletableFuture<Void> outcome = registration.completion();
            ExecutionException e = assertThrows(ExecutionException.class, () -> outcome.get(1, TimeUnit.SECONDS));
            assertInstanceOf(BeatingStoppedException.class, e.getCause());
            registration.close(); // idempotent
        }
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        Heart heart = heart();
        NullPointerException registrant = assertThrows(NullPointerException.class, () -> heart.register(null, R1));
        assertTrue(registrant.getMessage().contains("registrant"), registrant.getMessage());
        NullPointerException target =
                assertThrows(NullPointerException.class, () -> heart.register(RegistrantInfo.of("a", "svc"), null));
        assertTrue(target.getMessage().contains("registry"), target.getMessage());
        NullPointerException beater =
                assertThrows(NullPointerException.class, () -> heart.register(RegistrantInfo.of("a", "svc"), R1, null));
        assertTrue(beater.getMessage().contains("beater"), beater.getMessage());
    }

    /** Accepts every request at once with a 3 s lease, on the caller's thread. */
    static final class InstantRegistry implements dev.heart.api.spi.RequestProtocol {
        @Override
        public CompletableFuture<dev.heart.api.Response> send(OutgoingRequest request, Duration deadline) {
            return CompletableFuture.completedFuture(
                    request.request().disconnect()
                            ? dev.heart.api.Response.reject(
                                    dev.heart.api.RegistryInfo.of("r1", "svc", R1),
                                    dev.heart.api.RejectReason.DISCONNECTED)
                            : dev.heart.api.Response.accept(dev.heart.api.RegistryInfo.of("r1", "svc", R1), LEASE));
        }
    }
}
