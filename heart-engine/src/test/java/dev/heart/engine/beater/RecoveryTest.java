package dev.heart.engine.beater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.heart.api.AttemptPlan;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.BeatingContext;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.net.URI;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The backoff's bounds and the per-beating state, white-box, on a hand-moved clock. */
class RecoveryTest {
    static final URI R1 = URI.create("mem://r1");
    static final OutgoingRequest A = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), R1);
    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    Troubles troubles(Duration initial, Duration cap, Duration giveUpAfter) {
        Recovery.Builder settings = Recovery.builder().backoff(initial, cap).random(new SplittableRandom(11));
        if (giveUpAfter != null) {
            settings.giveUpAfter(giveUpAfter);
        }
        return new Troubles("test", settings.build());
    }

    /** A fresh beating of registrant {@code a}: its own context, the shared clock. */
    Recorded beating() {
        return new Recorded(A, clock);
    }

    @Test
    void everyWaitIsWithinTheCappedExponentialCeiling() {
        qt().withExamples(500)
                .forAll(
                        longs().between(1, 5_000),
                        longs().between(1, 60_000),
                        integers().between(1, 200))
                .checkAssert((initialMs, extraMs, failures) -> {
                    Duration initial = Duration.ofMillis(initialMs);
                    Duration cap = initial.plusMillis(extraMs - 1);
                    Troubles troubles = troubles(initial, cap, null);
                    Recorded beating = beating();
                    for (int n = 1; n <= failures; n++) {
                        Duration wait = troubles.failed(beating);
                        double ceiling = Math.min(cap.toNanos(), initial.toNanos() * Math.pow(2, n - 1));
                        assertTrue(
                                !wait.isNegative() && wait.toNanos() < ceiling,
                                "failure " + n + ": " + wait + " within [0, " + ceiling + " ns)");
                    }
                });
    }

    @Test
    void fullJitterSpreadsTheWaitsOverTheWholeRange() {
        Troubles troubles = troubles(Duration.ofMillis(100), Duration.ofSeconds(2), null);
        int low = 0;
        int high = 0;
        for (int i = 0; i < 2_000; i++) {
            Recorded beating = beating();
            for (int n = 0; n < 9; n++) {
                troubles.failed(beating); // each at its cap after 6 failures
            }
            long wait = troubles.failed(beating).toMillis();
            low += wait < 500 ? 1 : 0;
            high += wait >= 1_500 ? 1 : 0;
        }
        assertTrue(low > 300 && high > 300, "about a quarter in each end of [0, 2 s): " + low + ", " + high);
    }

    @Test
    void anAcceptedBeatStartsTheBackoffAgain_forThatBeatingOnly() {
        Troubles troubles = troubles(Duration.ofMillis(100), Duration.ofSeconds(2), null);
        Recorded a = beating();
        Recorded b = beating();
        for (int n = 0; n < 10; n++) {
            troubles.failed(a);
            troubles.failed(b);
        }
        troubles.succeeded(a);
        assertEquals(0, troubles.failures(a));
        assertEquals(0, a.context.size(), "nothing kept once the trouble is over");
        assertEquals(10, troubles.failures(b), "b's trouble is its own");
        assertTrue(troubles.failed(a).toMillis() < 100);
        assertEquals(1, troubles.failures(a));
    }

    @Test
    void notRegistered_isAnsweredAtOnce_thenWithBackoffWhenItRepeats() {
        Troubles troubles = troubles(Duration.ofMillis(100), Duration.ofSeconds(2), null);
        Recorded a = beating();
        assertEquals(Duration.ZERO, troubles.notRegistered(a));
        Duration second = troubles.notRegistered(a);
        assertTrue(second.toMillis() < 100, "refused again: backoff " + second);
        Duration third = troubles.notRegistered(a);
        assertTrue(third.toMillis() < 200);
        assertEquals(2, troubles.failures(a));
        troubles.succeeded(a);
        assertEquals(Duration.ZERO, troubles.notRegistered(a), "at once again after an acceptance");
    }

    @Test
    void giveUpAfter_measuresFromTheFirstFailureInARow_onTheHeartsClock() {
        Troubles troubles = troubles(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10));
        Recorded a = beating();
        troubles.failed(a);
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertTrue(troubles.failed(a) != null);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertNull(troubles.failed(a), "10 s of failures: give up");
        assertEquals(0, a.context.size(), "and forget it");
        assertTrue(troubles.failed(beating()) != null, "others are not affected");
    }

    @Test
    void forbiddenWaitsGrowToTheLongerCap() {
        Troubles troubles = new Troubles(
                "test", Recovery.builder().random(new SplittableRandom(5)).build());
        Recorded a = beating();
        long longest = 0;
        for (int n = 0; n < 40; n++) {
            longest = Math.max(longest, troubles.forbidden(a).toMillis());
        }
        assertTrue(longest > 2_000 && longest < 30_000, "capped at 30 s, beyond the 2 s of failures: " + longest);
    }

    @Test
    void forbidden_keepsTrying_andWarnsAtMostOnceAMinutePerBeater() {
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.slf4j.Logger log = (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(
                org.slf4j.Logger.class.getClassLoader(),
                new Class<?>[] {org.slf4j.Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        Object[] values = args.length == 2 && args[1] instanceof Object[] array
                                ? array
                                : java.util.Arrays.copyOfRange(args, 1, args.length);
                        warnings.add(org.slf4j.helpers.MessageFormatter.arrayFormat((String) args[0], values)
                                .getMessage());
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        LeaseFollowingBeater beater = LeaseFollowingBeater.builder()
                .recovery(Recovery.builder()
                        .random(new SplittableRandom(9))
                        .log(log)
                        .build())
                .build();
        Response forbidden = Response.reject(RegistryInfo.of("r1", "svc", R1), RejectReason.FORBIDDEN);
        List<Recorded> beatings = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            beatings.add(beating());
        }
        int kept = 0;
        for (int second = 0; second < 180; second++) { // three minutes of refusals, each beating every second
            for (Recorded beating : beatings) {
                beater.beat(beating.answering(forbidden));
                kept += beating.delay != null ? 1 : 0;
            }
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        assertEquals(180_000, kept, "every refusal is tried again: the beating never ends on its own");
        assertEquals(3, warnings.size(), "one WARN a minute for 180,000 refusals: " + warnings);
        assertTrue(warnings.get(1).contains("59999 more such refusals"), warnings.get(1));
        long longest =
                beatings.stream().mapToLong(b -> b.delay.toMillis()).max().orElse(0);
        assertTrue(longest > 2_000 && longest < 30_000, "the backoff grows past 2 s, capped at 30 s: " + longest);
    }

    @Test
    void theBeatersKeepNothingOnceARegistrantIsAcceptedAgain() {
        LeaseFollowingBeater lease = LeaseFollowingBeater.builder().build();
        FixedRateBeater fixed = FixedRateBeater.builder(Duration.ofSeconds(1)).build();
        FailoverBeater failover = FailoverBeater.builder(lease).build();
        BeatFailedException failure = new BeatFailedException(A, List.of(new TransportException(R1, "down")));
        Response accepted = Response.accept(RegistryInfo.of("r1", "svc", R1), Duration.ofSeconds(3));
        Recorded l = beating().failing(failure);
        Recorded f = beating().failing(failure);
        Recorded o = beating().failing(failure);

        lease.beatFailed(l);
        fixed.beatFailed(f);
        failover.beatFailed(o);
        assertEquals(1, l.context.size());
        assertEquals(1, f.context.size());
        assertEquals(1, o.context.size());
        lease.beat(l.answering(accepted));
        fixed.beat(f.answering(accepted));
        failover.beat(o.answering(accepted));
        assertEquals(0, l.context.size() + f.context.size() + o.context.size());
    }

    @Test
    void forbidden_followsThePolicy() {
        Response forbidden = Response.reject(RegistryInfo.of("r1", "svc", R1), RejectReason.FORBIDDEN);
        Recorded stop = beating().answering(forbidden);
        LeaseFollowingBeater.builder()
                .recovery(Recovery.builder().onForbidden(OnReject.STOP).build())
                .build()
                .beat(stop);
        assertNull(stop.delay, "STOP: the beating ends");
        Recorded retry = beating().answering(forbidden);
        LeaseFollowingBeater.builder().build().beat(retry);
        assertTrue(retry.delay != null && retry.delay.toMillis() < 100, "by default: after the backoff");
        Recorded capacity =
                beating().answering(Response.reject(RegistryInfo.of("r1", "svc", R1), RejectReason.CAPACITY));
        FixedRateBeater.builder(Duration.ofSeconds(1)).build().beat(capacity);
        assertTrue(capacity.delay != null, "CAPACITY: retried");
    }

    @Test
    void settingsAreCheckedWithClearMessages() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Recovery.builder().backoff(Duration.ofSeconds(3), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("backoffCap"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> Recovery.builder().backoff(Duration.ZERO, Duration.ofSeconds(2)));
        var g = assertThrows(
                IllegalArgumentException.class, () -> Recovery.builder().giveUpAfter(Duration.ZERO));
        assertTrue(g.getMessage().contains("giveUpAfter"), g.getMessage());
        var f = assertThrows(
                IllegalArgumentException.class,
                () -> Recovery.builder()
                        .forbiddenBackoffCap(Duration.ofMillis(10))
                        .build());
        assertTrue(f.getMessage().contains("forbiddenBackoffCap"), f.getMessage());
        assertThrows(
                NullPointerException.class,
                () -> FailoverBeater.builder(LeaseFollowingBeater.builder().build())
                        .registries((URI) null));
    }

    @Test
    void failover_aCandidateThatNeverAnsweredLeadsBackToTheRegistryThatNamedIt() {
        URI dead = URI.create("mem://dead");
        FailoverBeater failover = FailoverBeater.builder(
                        LeaseFollowingBeater.builder().build())
                .recovery(Recovery.builder().random(new SplittableRandom(3)).build())
                .build();
        Response namesDead = Response.accept(
                new RegistryInfo("r1", "svc", R1, List.of(dead), java.util.Map.of()), Duration.ofSeconds(5));
        Recorded beating = beating().answering(namesDead);
        failover.beat(beating);

        beating.failing(new BeatFailedException(A, List.of(new TransportException(R1, "down"))));
        failover.beatFailed(beating);
        assertEquals(dead, beating.request.target(), "r1 fails: on to the candidate it named");
        OutgoingRequest atDead = beating.request;
        beating.last = atDead;
        beating.failing(new BeatFailedException(atDead, List.of(new TransportException(dead, "no such"))));
        failover.beatFailed(beating);
        assertEquals(R1, beating.request.target(), "the candidate never answered: back to r1, not stuck at it");
        OutgoingRequest back = beating.request;
        beating.last = back;
        beating.failing(new BeatFailedException(back, List.of(new TransportException(R1, "down"))));
        failover.beatFailed(beating);
        assertEquals(
                R1, beating.request.target(), "r1 again: a candidate that never answered is tried once per trouble");
    }

    /** One beating seen by a beater: a context of its own, a clock, and the last decision. */
    static final class Recorded implements BeatAnswer, BeatFailure, BeatingContext {
        final Map<Key<?>, Object> context = new IdentityHashMap<>();
        final AtomicLong clock;
        OutgoingRequest last;
        Response response;
        BeatFailedException failure;
        OutgoingRequest request;
        Duration delay;

        Recorded(OutgoingRequest last, AtomicLong clock) {
            this.last = last;
            this.clock = clock;
        }

        Recorded answering(Response answer) {
            this.response = answer;
            this.request = null;
            this.delay = null;
            return this;
        }

        Recorded failing(BeatFailedException failed) {
            this.failure = failed;
            this.request = null;
            this.delay = null;
            return this;
        }

        @Override
        public void send(OutgoingRequest request, AttemptPlan plan) {
            this.request = request;
            this.delay = plan.delay();
        }

        @Override
        public OutgoingRequest lastRequest() {
            return last;
        }

        @Override
        public BeatingContext context() {
            return this;
        }

        @Override
        public long nanoTime() {
            return clock.get();
        }

        @Override
        public Response response() {
            return response;
        }

        @Override
        public Duration roundTrip() {
            return Duration.ZERO;
        }

        @Override
        public int retries() {
            return 0;
        }

        @Override
        public boolean established() {
            return true;
        }

        @Override
        public BeatFailedException failure() {
            return failure;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(Key<T> key) {
            return (T) context.get(key);
        }

        @Override
        public <T> void put(Key<T> key, T value) {
            context.put(key, value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T remove(Key<T> key) {
            return (T) context.remove(key);
        }
    }
}
