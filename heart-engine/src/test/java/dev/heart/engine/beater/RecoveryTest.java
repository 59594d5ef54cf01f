package dev.heart.engine.beater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.heart.api.BeatFailedException;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The backoff's bounds and the per-registrant state, white-box, on a hand-moved clock. */
class RecoveryTest {
    static final URI R1 = URI.create("mem://r1");
    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    Recovery recovery(Duration initial, Duration cap, Duration giveUpAfter) {
        RecoverySettings settings = RecoverySettings.defaults().withBackoff(initial, cap)
                .withClock(clock::get).withRandom(new SplittableRandom(11));
        if (giveUpAfter != null) {
            settings = settings.withGiveUpAfter(giveUpAfter);
        }
        return new Recovery(settings.validated("test"), Duration.ofSeconds(1));
    }

    static Recovery.Key key(String id) {
        return new Recovery.Key(id, R1);
    }

    @Test
    void everyWaitIsWithinTheCappedExponentialCeiling() {
        qt().withExamples(500)
                .forAll(longs().between(1, 5_000), longs().between(1, 60_000), integers().between(1, 200))
                .checkAssert((initialMs, extraMs, failures) -> {
                    Duration initial = Duration.ofMillis(initialMs);
                    Duration cap = initial.plusMillis(extraMs - 1);
                    Recovery recovery = recovery(initial, cap, null);
                    for (int n = 1; n <= failures; n++) {
                        Duration wait = recovery.failed(key("a"));
                        double ceiling = Math.min(cap.toNanos(), initial.toNanos() * Math.pow(2, n - 1));
                        assertTrue(!wait.isNegative() && wait.toNanos() < ceiling,
                                "failure " + n + ": " + wait + " within [0, " + ceiling + " ns)");
                    }
                });
    }

    @Test
    void fullJitterSpreadsTheWaitsOverTheWholeRange() {
        Recovery recovery = recovery(Duration.ofMillis(100), Duration.ofSeconds(2), null);
        int low = 0;
        int high = 0;
        for (int i = 0; i < 2_000; i++) {
            for (int n = 0; n < 9; n++) {
                recovery.failed(key("r" + i)); // each at its cap after 6 failures
            }
            long wait = recovery.failed(key("r" + i)).toMillis();
            low += wait < 500 ? 1 : 0;
            high += wait >= 1_500 ? 1 : 0;
        }
        assertTrue(low > 300 && high > 300, "about a quarter in each end of [0, 2 s): " + low + ", " + high);
    }

    @Test
    void anAcceptedBeatStartsTheBackoffAgain_forThatRegistrantOnly() {
        Recovery recovery = recovery(Duration.ofMillis(100), Duration.ofSeconds(2), null);
        for (int n = 0; n < 10; n++) {
            recovery.failed(key("a"));
            recovery.failed(key("b"));
        }
        recovery.succeeded(key("a"));
        assertEquals(0, recovery.failures(key("a")));
        assertEquals(10, recovery.failures(key("b")), "b's trouble is its own");
        assertTrue(recovery.failed(key("a")).toMillis() < 100);
        assertEquals(1, recovery.failures(key("a")));
    }

    @Test
    void notRegistered_isAnsweredAtOnce_thenWithBackoffWhenItRepeats() {
        Recovery recovery = recovery(Duration.ofMillis(100), Duration.ofSeconds(2), null);
        assertEquals(Duration.ZERO, recovery.notRegistered(key("a")));
        Duration second = recovery.notRegistered(key("a"));
        assertTrue(second.toMillis() < 100, "refused again: backoff " + second);
        Duration third = recovery.notRegistered(key("a"));
        assertTrue(third.toMillis() < 200);
        assertEquals(2, recovery.failures(key("a")));
        recovery.succeeded(key("a"));
        assertEquals(Duration.ZERO, recovery.notRegistered(key("a")), "at once again after an acceptance");
    }

    @Test
    void giveUpAfter_measuresFromTheFirstFailureInARow() {
        Recovery recovery = recovery(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10));
        recovery.failed(key("a"));
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertTrue(recovery.failed(key("a")) != null);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertNull(recovery.failed(key("a")), "10 s of failures: give up");
        assertEquals(0, recovery.remembered(), "and forget it");
        assertTrue(recovery.failed(key("b")) != null, "others are not affected");
    }

    @Test
    void registrantsStoppedInTroubleAreSwept_nothingKeptPerEndedBeating() {
        Recovery recovery = recovery(Duration.ofMillis(100), Duration.ofSeconds(2), null);
        for (int i = 0; i < 1_000; i++) {
            recovery.failed(key("gone-" + i)); // stopped by the application while waiting
        }
        assertEquals(1_000, recovery.remembered());
        for (int minute = 0; minute < 10; minute++) {
            clock.addAndGet(Duration.ofMinutes(1).toNanos());
            recovery.failed(key("live")); // a live registrant in trouble calls at least every few seconds
        }
        assertEquals(1, recovery.remembered(), "only the live one is remembered");
        assertEquals(10, recovery.failures(key("live")));
    }

    @Test
    void theBeatersForgetARegistrantOnceItIsAcceptedAgain() {
        LeaseFollowingBeater lease = LeaseFollowingBeater.builder().build();
        FixedRateBeater fixed = FixedRateBeater.builder(Duration.ofSeconds(1)).build();
        FailoverBeater failover = FailoverBeater.builder(lease).build();
        OutgoingRequest a = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), R1);
        BeatFailedException failure = new BeatFailedException(a, List.of(new TransportException(R1, "down")));
        Response accepted = Response.accept(RegistryInfo.of("r1", "svc", R1), Duration.ofSeconds(3));
        Recorded next = new Recorded(a);

        lease.beatFailed(failure, next);
        fixed.beatFailed(failure, next);
        failover.beatFailed(failure, next);
        assertEquals(1, lease.remembered());
        assertEquals(1, fixed.remembered());
        assertEquals(1, failover.remembered());
        lease.beat(accepted, Duration.ZERO, 0, next);
        fixed.beat(accepted, Duration.ZERO, 0, next);
        failover.beat(accepted, Duration.ZERO, 0, next);
        assertEquals(0, lease.remembered() + fixed.remembered() + failover.remembered());
    }

    @Test
    void forbidden_followsThePolicy() {
        OutgoingRequest a = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), R1);
        Response forbidden = Response.reject(RegistryInfo.of("r1", "svc", R1), RejectReason.FORBIDDEN);
        Recorded stop = new Recorded(a);
        LeaseFollowingBeater.builder().build().beat(forbidden, Duration.ZERO, 0, stop);
        assertNull(stop.delay, "STOP: the beating ends");
        Recorded retry = new Recorded(a);
        LeaseFollowingBeater.builder().onReject(OnReject.REREGISTER).build().beat(forbidden, Duration.ZERO, 0, retry);
        assertTrue(retry.delay != null && retry.delay.toMillis() < 100, "REREGISTER: after the backoff");
        Recorded capacity = new Recorded(a);
        FixedRateBeater.builder(Duration.ofSeconds(1)).build()
                .beat(Response.reject(RegistryInfo.of("r1", "svc", R1), RejectReason.CAPACITY), Duration.ZERO, 0, capacity);
        assertTrue(capacity.delay != null, "CAPACITY: retried");
    }

    @Test
    void settingsAreCheckedWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LeaseFollowingBeater.builder().backoff(Duration.ofSeconds(3), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("backoffCap"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FixedRateBeater.builder(Duration.ofSeconds(1))
                .backoff(Duration.ZERO, Duration.ofSeconds(2)));
        var g = assertThrows(IllegalArgumentException.class, () -> FailoverBeater.builder(LeaseFollowingBeater.builder()
                .build()).giveUpAfter(Duration.ZERO));
        assertTrue(g.getMessage().contains("giveUpAfter"), g.getMessage());
        assertThrows(NullPointerException.class, () -> FailoverBeater.builder(LeaseFollowingBeater.builder().build())
                .registries((URI) null));
    }

    @Test
    void failover_aCandidateThatNeverAnsweredLeadsBackToTheRegistryThatNamedIt() {
        URI dead = URI.create("mem://dead");
        FailoverBeater failover = FailoverBeater.builder(LeaseFollowingBeater.builder().build())
                .random(new SplittableRandom(3)).build();
        OutgoingRequest atR1 = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), R1);
        Response namesDead = Response.accept(new RegistryInfo("r1", "svc", R1, List.of(dead), java.util.Map.of()),
                Duration.ofSeconds(5));
        failover.beat(namesDead, Duration.ZERO, 0, new Recorded(atR1));

        Recorded first = new Recorded(atR1);
        failover.beatFailed(new BeatFailedException(atR1, List.of(new TransportException(R1, "down"))), first);
        assertEquals(dead, first.request.target(), "r1 fails: on to the candidate it named");
        OutgoingRequest atDead = first.request;
        Recorded second = new Recorded(atDead);
        failover.beatFailed(new BeatFailedException(atDead, List.of(new TransportException(dead, "no such"))), second);
        assertEquals(R1, second.request.target(), "the candidate never answered: back to r1, not stuck at it");
        OutgoingRequest back = second.request;
        Recorded third = new Recorded(back);
        failover.beatFailed(new BeatFailedException(back, List.of(new TransportException(R1, "down"))), third);
        assertEquals(R1, third.request.target(), "r1 again: a candidate that never answered is tried once per trouble");
    }

    /** A continuation that records the decision. */
    static final class Recorded implements NextBeat {
        final OutgoingRequest last;
        OutgoingRequest request;
        Duration delay;

        Recorded(OutgoingRequest last) {
            this.last = last;
        }

        @Override
        public void send(OutgoingRequest request, Duration timeout, int retryN, Duration delay) {
            this.request = request;
            this.delay = delay;
        }

        @Override
        public OutgoingRequest lastRequest() {
            return last;
        }
    }
}
