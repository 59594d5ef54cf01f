package dev.heart.engine;

import static dev.heart.engine.FaultyLeaseRegistry.Mode.DOWN;
import static dev.heart.engine.FaultyLeaseRegistry.Mode.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.BeatFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.engine.FaultyLeaseRegistry.Sent;
import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.Recovery;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Spec §9 on the engine, in virtual time: each ready-made beater keeps every registrant registered
 * through a registry that is down, forgets everyone, or comes back, and one instance keeps each
 * registrant's state apart. Bounds here are virtual time, exact and free of machine load.
 */
class StayRegisteredTest {
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration CAP = Duration.ofSeconds(2);
    static final URI R1 = URI.create("mem://r1");
    static final URI R2 = URI.create("mem://r2");

    /** The three ready-made beaters, each built to drive any number of registrants. */
    enum Kind {
        LEASE_FOLLOWING(
                time -> LeaseFollowingBeater.builder()
                        .recovery(recovery(1).build())
                        .build(),
                time -> LeaseFollowingBeater.builder()
                        .recovery(
                                recovery(1).giveUpAfter(Duration.ofSeconds(10)).build())
                        .build()),
        FIXED_RATE(
                time -> FixedRateBeater.builder(Duration.ofSeconds(1))
                        .recovery(recovery(2).build())
                        .build(),
                time -> FixedRateBeater.builder(Duration.ofSeconds(1))
                        .recovery(
                                recovery(2).giveUpAfter(Duration.ofSeconds(10)).build())
                        .build()),
        FAILOVER(
                time -> FailoverBeater.builder(LeaseFollowingBeater.builder()
                                .recovery(recovery(1).build())
                                .build())
                        .recovery(recovery(3)
                                .attempts(Attempts.once(Duration.ofMillis(500)))
                                .build())
                        .build(),
                time -> FailoverBeater.builder(LeaseFollowingBeater.builder().build())
                        .recovery(Recovery.builder()
                                .giveUpAfter(Duration.ofSeconds(10))
                                .build())
                        .build());

        final Function<ManualTime, HeartBeater> forever;
        final Function<ManualTime, HeartBeater> givingUp;

        Kind(Function<ManualTime, HeartBeater> forever, Function<ManualTime, HeartBeater> givingUp) {
            this.forever = forever;
            this.givingUp = givingUp;
        }
    }

    static Recovery.Builder recovery(long seed) {
        return Recovery.builder()
                .attempts(Attempts.once(Duration.ofMillis(500)))
                .random(new SplittableRandom(seed));
    }

    final ManualTime time = new ManualTime();
    final FaultyLeaseRegistry registry = new FaultyLeaseRegistry(time, LEASE);

    static OutgoingRequest registrant(String id, URI target) {
        return new OutgoingRequest(Request.beat(RegistrantInfo.of(id, "svc")), target);
    }

    Heart heart(HeartBeater beater) {
        return Heart.builder(beater)
                .protocol(registry)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
    }

    void close(Heart heart) {
        var closed = heart.closeAsync();
        for (int i = 0; i < 100 && !closed.isDone(); i++) {
            time.advance(Duration.ofSeconds(1));
        }
        assertTrue(closed.isDone(), "the heart closed");
    }

    List<Long> sendTimes(String id) {
        return registry.sent.stream()
                .filter(s -> s.request().request().registrant().id().equals(id))
                .map(Sent::at)
                .toList();
    }

    /** When the registrant sent something after {@code since}, each instant once (the attempts of a beat fail together). */
    List<Long> distinctSendTimesAfter(String id, long since) {
        return sendTimes(id).stream().filter(t -> t >= since).distinct().toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void registryDownAtStart_keepsTryingWithinTheBackoffBounds_andRegistersWhenItComesUp(Kind kind) {
        registry.mode(R1, DOWN);
        Heart heart = heart(kind.forever.apply(time));
        Beating beating = heart.start(registrant("a", R1), Duration.ofMillis(500), 0);
        time.advance(Duration.ofMinutes(20));

        assertFalse(beating.completion().isDone(), "20 minutes of failures do not end the beating");
        List<Long> times = sendTimes("a");
        assertTrue(times.size() > 600, "about one try per second under a 2 s cap: " + times.size());
        Set<Long> gaps = new HashSet<>();
        for (int n = 1; n < times.size(); n++) {
            long gap = times.get(n) - times.get(n - 1);
            long ceiling = Math.min(CAP.toNanos(), Duration.ofMillis(100).toNanos() << Math.min(n - 1, 20));
            assertTrue(gap >= 0 && gap < ceiling, "wait " + n + " is " + gap + " ns, below " + ceiling);
            gaps.add(gap);
        }
        assertTrue(gaps.size() > times.size() / 2, "full jitter: the waits differ");

        registry.mode(R1, UP);
        long up = time.nanoTime();
        time.advance(CAP);
        assertEquals(Set.of("a"), registry.registered(R1), "registered within one backoff step of coming up");
        assertTrue(registry.registeredAt("a", R1) - up <= CAP.toNanos());
        close(heart);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void backoffStartsAgainAfterAnAcceptedBeat(Kind kind) {
        Heart heart = heart(kind.forever.apply(time));
        heart.start(registrant("a", R1), Duration.ofMillis(500), 0);
        time.advance(Duration.ofSeconds(5));
        registry.mode(R1, DOWN);
        time.advance(Duration.ofSeconds(30)); // the backoff has reached its cap
        registry.mode(R1, UP);
        time.advance(Duration.ofSeconds(5)); // accepted again
        assertEquals(Set.of("a"), registry.registered(R1));

        registry.mode(R1, DOWN);
        long down = time.nanoTime();
        time.advance(Duration.ofSeconds(3));
        List<Long> tries = distinctSendTimesAfter("a", down);
        for (int n = 1; n <= 3; n++) {
            long wait = tries.get(n) - tries.get(n - 1);
            long ceiling = Duration.ofMillis(100).toNanos() << (n - 1);
            assertTrue(wait < ceiling, "wait " + n + " starts from 100 ms again: " + wait + " ns");
        }
        close(heart);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void giveUpAfter_isTheOnlyWayItEndsOnItsOwn(Kind kind) {
        Heart heart = heart(kind.givingUp.apply(time));
        Beating beating = heart.start(registrant("a", R1), Duration.ofMillis(500), 0);
        time.advance(Duration.ofSeconds(5));
        registry.mode(R1, DOWN);
        long down = time.nanoTime();
        time.advance(Duration.ofSeconds(9));
        assertFalse(beating.completion().isDone(), "still trying before the limit");
        time.advance(Duration.ofSeconds(20));

        assertTrue(beating.completion().isCompletedExceptionally(), "gave up after the limit");
        CompletionException outcome = org.junit.jupiter.api.Assertions.assertThrows(
                CompletionException.class, () -> beating.completion().join());
        assertInstanceOf(BeatFailedException.class, outcome.getCause());
        List<Long> times = sendTimes("a");
        long lastTry = times.get(times.size() - 1);
        assertTrue(lastTry - down >= Duration.ofSeconds(10).toNanos() - CAP.toNanos(), "tried until about the limit");
        assertTrue(
                lastTry - down
                        <= Duration.ofSeconds(10).toNanos()
                                + Duration.ofSeconds(4).toNanos(),
                "and not long after");
        close(heart);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void notRegistered_registersAgainAtOnce(Kind kind) {
        Heart heart = heart(kind.forever.apply(time));
        heart.start(registrant("a", R1), Duration.ofMillis(500), 0);
        time.advance(Duration.ofSeconds(5));
        registry.restart(R1);
        int before = registry.sent.size();
        time.advance(Duration.ofSeconds(3));

        List<Sent> after = registry.sent.subList(before, registry.sent.size());
        assertTrue(after.size() >= 2, "told 'not registered', then registered: " + after);
        assertEquals(after.get(0).at(), after.get(1).at(), "the new registration goes at once");
        assertNull(after.get(1).request().request().token(), "as a new registration");
        assertEquals(after.get(1).at(), registry.registeredAt("a", R1), "and the registry has it again");
        assertEquals(Set.of("a"), registry.registered(R1));
        close(heart);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneInstance_manyRegistrants_eachWithItsOwnState_allBackWithinOneStep(Kind kind) {
        HeartBeater beater = kind.forever.apply(time);
        Heart heart = heart(beater);
        List<String> onR1 = IntStream.range(0, 300).mapToObj(i -> "r1-" + i).toList();
        List<String> onR2 = IntStream.range(0, 300).mapToObj(i -> "r2-" + i).toList();
        onR1.forEach(id -> heart.start(registrant(id, R1), Duration.ofMillis(500), 0));
        onR2.forEach(id -> heart.start(registrant(id, R2), Duration.ofMillis(500), 0));
        time.advance(Duration.ofSeconds(5));

        registry.mode(R1, DOWN);
        time.advance(Duration.ofSeconds(60)); // r1's registrants have long reached the cap
        registry.mode(R2, DOWN); // r2's registrants fail for the first time
        long r2Down = time.nanoTime();
        time.advance(Duration.ofSeconds(2));
        for (String id : onR2) {
            List<Long> tries = distinctSendTimesAfter(id, r2Down);
            assertTrue(
                    tries.size() >= 4,
                    id + " tried 3 times within 0.7 s of its first failure: its backoff is"
                            + " its own, not that of r1's registrants: " + tries);
        }
        registry.mode(R1, UP);
        registry.mode(R2, UP);
        long up = time.nanoTime();
        time.advance(CAP);

        Set<String> back = new HashSet<>(registry.registered(R1));
        back.addAll(registry.registered(R2));
        List<String> all = new ArrayList<>(onR1);
        all.addAll(onR2);
        assertEquals(new HashSet<>(all), back, "every registrant is back within one backoff step");
        Set<Long> reRegistrations = new HashSet<>();
        for (String id : onR1) {
            URI at = registry.registered(R1).contains(id) ? R1 : R2;
            reRegistrations.add(registry.registeredAt(id, at));
        }
        assertTrue(reRegistrations.stream().allMatch(t -> t - up <= CAP.toNanos()), "within 2 s of coming up");
        assertTrue(reRegistrations.size() > onR1.size() / 2, "spread by jitter, no herd: " + reRegistrations.size());
        close(heart);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNewBeatingStartsFresh_alsoWhenTheOldOneWasStoppedInTrouble(Kind kind) {
        HeartBeater beater = kind.givingUp.apply(time); // gives up after 10 s of failures
        Heart heart = heart(beater);
        Beating old = heart.start(registrant("a", R1), Duration.ofMillis(500), 0);
        time.advance(Duration.ofSeconds(5));
        registry.mode(R1, DOWN);
        time.advance(Duration.ofSeconds(8)); // deep in trouble: its backoff is near the cap
        old.stop();
        time.advance(Duration.ofSeconds(4)); // nothing of "a" is sent meanwhile
        assertTrue(old.completion().isDone(), "the old beating ended");

        long start = time.nanoTime();
        Beating fresh = heart.start(registrant("a", R1), Duration.ofMillis(500), 0);
        time.advance(Duration.ofSeconds(3));
        assertFalse(
                fresh.completion().isDone(),
                "12 s after the old trouble began, the new beating does not give up:"
                        + " its give-up clock is its own");
        List<Long> tries = distinctSendTimesAfter("a", start);
        assertTrue(tries.size() >= 3, "tries: " + tries);
        assertTrue(
                tries.get(1) - tries.get(0) < Duration.ofMillis(100).toNanos(),
                "its first wait is a first step (under 100 ms), not the old streak's: "
                        + (tries.get(1) - tries.get(0)));
        close(heart);
    }
}
