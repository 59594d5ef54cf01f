package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.OnReject;
import dev.heart.engine.beater.Recovery;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The ready-made beaters, run on the engine in manual time. */
class BeatersTest {
    final ManualTime time = new ManualTime();

    /** A registry per target: {@code answer} decides each response (null: no answer). */
    final class Registries implements RequestProtocol {
        final List<Long> sendTimes = new CopyOnWriteArrayList<>();
        final List<OutgoingRequest> sent = new CopyOnWriteArrayList<>();
        final Function<OutgoingRequest, Object> answer;

        Registries(Function<OutgoingRequest, Object> answer) {
            this.answer = answer;
        }

        @Override
        public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
            sendTimes.add(time.nanoTime());
            sent.add(request);
            Object outcome = answer.apply(request);
            if (outcome instanceof Response response) {
                return CompletableFuture.completedFuture(response);
            }
            if (outcome instanceof RuntimeException error) {
                return CompletableFuture.failedFuture(error);
            }
            return new CompletableFuture<>();
        }
    }

    static Response accept(URI registry, Duration lease, URI... candidates) {
        return Response.accept(new RegistryInfo("r", "svc", registry, List.of(candidates), Map.of()), lease);
    }

    @Test
    void fixedRate_phaseAndJitterSpreadAThousandHeartsStartedTogether() {
        Registries registry = new Registries(r -> accept(r.target(), Duration.ofSeconds(30)));
        FixedRateBeater beater = FixedRateBeater.builder(REQUEST, Duration.ofSeconds(10))
                .jitter(0.1)
                .recovery(Recovery.builder().random(new SplittableRandom(42)).build())
                .build();
        Heart heart = Heart.builder(beater)
                .protocol(registry)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        for (int i = 0; i < 1000; i++) {
            heart.start(REQUEST, Duration.ofSeconds(1), 0);
        }
        time.advance(Duration.ofSeconds(60));

        Map<Long, Integer> perSecond = new TreeMap<>();
        // the first beats go together (all started at once); from the second on, they are spread
        registry.sendTimes.stream()
                .filter(t -> t - 1_000_000_000L >= 10_000_000_000L)
                .forEach(t -> perSecond.merge((t - 1_000_000_000L) / 1_000_000_000L, 1, Integer::sum));
        int busiest =
                perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(registry.sendTimes.size() >= 5_000, "about six beats per heart: " + registry.sendTimes.size());
        assertTrue(busiest < 250, "no second carries much more than its share of 100 beats: " + busiest);
        heart.close();
    }

    @Test
    void fixedRate_keepsEachHeartsIntervalWithinItsJitter() {
        Registries registry = new Registries(r -> accept(r.target(), Duration.ofSeconds(30)));
        FixedRateBeater beater = FixedRateBeater.builder(REQUEST, Duration.ofSeconds(10))
                .jitter(0.2)
                .build();
        Heart heart = Heart.builder(beater)
                .protocol(registry)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        heart.start(REQUEST, Duration.ofSeconds(1), 0);
        time.advance(Duration.ofMinutes(10));
        List<Long> times = registry.sendTimes;
        assertTrue(times.get(1) - times.get(0) < 10_000_000_000L, "the second beat after a phase within the interval");
        for (int i = 2; i < times.size(); i++) {
            long gapMillis = (times.get(i) - times.get(i - 1)) / 1_000_000;
            assertTrue(gapMillis >= 8_000 && gapMillis <= 12_000, "gap " + gapMillis);
        }
        heart.close();
    }

    @Test
    void fixedRate_stopsOrReregistersWhenRefusedForGood() {
        Registries rejecting =
                new Registries(r -> Response.reject(RegistryInfo.of("r", "svc", r.target()), RejectReason.FORBIDDEN));
        Heart stopping = Heart.builder(FixedRateBeater.builder(REQUEST, Duration.ofSeconds(1))
                        .recovery(Recovery.builder().onForbidden(OnReject.STOP).build())
                        .build())
                .protocol(rejecting)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        Beating once = stopping.start(REQUEST, Duration.ofSeconds(1), 0);
        time.advance(Duration.ofSeconds(10));
        assertEquals(1, rejecting.sent.size());
        assertEquals(Beating.State.ENDED, once.state());

        Registries again =
                new Registries(r -> Response.reject(RegistryInfo.of("r", "svc", r.target()), RejectReason.FORBIDDEN));
        Heart reregistering = Heart.builder(FixedRateBeater.builder(REQUEST, Duration.ofSeconds(1))
                        .recovery(Recovery.builder()
                                .random(new SplittableRandom(7))
                                .build())
                        .build())
                .protocol(again)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        Beating going = reregistering.start(REQUEST, Duration.ofSeconds(1), 0);
        time.advance(Duration.ofSeconds(10));
        assertTrue(again.sent.size() >= 5, "keeps trying by default, backing off: " + again.sent.size());
        assertFalse(going.completion().isDone());
        reregistering.close();
    }

    @Test
    void leaseFollowing_planFitsEveryAttemptBeforeTheDeadline() {
        qt().withExamples(2000)
                .forAll(
                        longs().between(1, 3_600_000),
                        doubles().between(0.01, 0.99),
                        longs().between(0, 5_000).zip(longs().between(1, 30_000), (m, a) -> new long[] {m, a}),
                        integers().between(0, 10))
                .checkAssert((leaseMs, fraction, marginAndAttempt, maxRetryN) -> {
                    long marginMs = marginAndAttempt[0];
                    long attemptMs = marginAndAttempt[1];
                    LeaseFollowingBeater beater = LeaseFollowingBeater.builder(REQUEST)
                            .fraction(fraction)
                            .margin(Duration.ofMillis(marginMs))
                            .recovery(Recovery.builder()
                                    .attempts(Attempts.of(Duration.ofMillis(attemptMs), maxRetryN))
                                    .build())
                            .build();
                    Duration lease = Duration.ofMillis(leaseMs);
                    AttemptPlan plan = beater.plan(lease);
                    Duration usable = lease.minusMillis(marginMs);
                    if (usable.toMillis() >= 1) {
                        assertTrue(
                                plan.worstCase().compareTo(usable) <= 0,
                                plan + " ends past " + usable + " for lease " + lease);
                    }
                    assertTrue(plan.attempts().retries() <= maxRetryN, plan + " exceeds maxRetryN " + maxRetryN);
                    assertTrue(
                            plan.attempts().timeout().toMillis() <= Math.max(attemptMs, 1)
                                    || plan.attempts().retries() == 0,
                            plan.toString());
                });
    }

    @Test
    void leaseFollowing_neverPlansAttemptsPastTheDeadlineOnTheEngine() {
        // Every beat after the first is never answered: all its attempts must end before the lease does.
        List<Integer> calls = new ArrayList<>();
        Registries registry = new Registries(
                r -> calls.add(1) && calls.size() == 1 ? accept(r.target(), Duration.ofSeconds(3)) : null);
        LeaseFollowingBeater beater = LeaseFollowingBeater.builder(REQUEST)
                .recovery(Recovery.builder()
                        .attempts(Attempts.of(Duration.ofMillis(700), 5))
                        .build())
                .margin(Duration.ofMillis(100))
                .build();
        Heart heart = Heart.builder(beater)
                .protocol(registry)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        Beating beating = heart.start(REQUEST, Duration.ofSeconds(1), 0);
        time.advance(Duration.ofSeconds(10));

        assertFalse(beating.completion().isDone(), "a failed beat does not end the beating");
        long planned = registry.sendTimes.get(1) - registry.sendTimes.get(0);
        assertTrue(
                planned >= 0 && planned < 1_000_000_000L,
                "the planned beat goes within a third of the lease," + " at a random phase: " + planned);
        long lastPlannedAttemptEnds = registry.sendTimes.get(2) + 700_000_000L;
        long deadline = registry.sendTimes.get(0) + 3_000_000_000L;
        assertTrue(lastPlannedAttemptEnds <= deadline - 100_000_000L, "the last attempt ends before deadline - margin");
        assertTrue(
                registry.sendTimes.get(3) >= lastPlannedAttemptEnds,
                "two 700 ms attempts fit in 3 s - 1 s - 0.1 s; then the beater retries after a backoff");
        assertTrue(registry.sent.size() > 4, "and keeps retrying: " + registry.sent.size());
        var closed = heart.closeAsync();
        time.advance(Duration.ofSeconds(5)); // the disconnect is not answered either
        assertTrue(closed.isDone());
    }

    @Test
    void failover_reachesAHealthyCandidateAndReportsTheSwitch() {
        URI r1 = URI.create("mem://r1");
        URI r2 = URI.create("mem://r2");
        URI r3 = URI.create("mem://r3");
        int[] r1Beats = {0};
        Registries registries = new Registries(request -> {
            if (request.target().equals(r1)) {
                return ++r1Beats[0] == 1
                        ? accept(r1, Duration.ofSeconds(6), r2, r3)
                        : new TransportException(r1, "r1 is down");
            }
            if (request.target().equals(r2)) {
                return Response.reject(new RegistryInfo("r2", "svc", r2, List.of(r1, r3), Map.of()));
            }
            return accept(r3, Duration.ofSeconds(6), r1, r2);
        });
        List<String> switches = new CopyOnWriteArrayList<>();
        FailoverBeater beater = FailoverBeater.builder(
                        REQUEST,
                        LeaseFollowingBeater.builder(REQUEST)
                                .recovery(Recovery.builder()
                                        .attempts(Attempts.of(Duration.ofMillis(500), 3))
                                        .build())
                                .build())
                .listener((from, to, cause, wait) -> switches.add(from.getHost() + "->" + to.getHost()))
                .build();
        Heart heart = Heart.builder(beater)
                .protocol(registries)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        Beating beating = heart.start(new OutgoingRequest(REQUEST.request(), r1), Duration.ofSeconds(1), 0);
        time.advance(Duration.ofSeconds(30));

        assertEquals(List.of("r1->r2", "r2->r3"), switches);
        assertEquals(r3, registries.sent.get(registries.sent.size() - 1).target());
        assertEquals(r3, beater.currentTarget(), "with one registrant, the registry it beats now");
        assertEquals(Health.HEALTHY, beating.health());
        assertTrue(registries.sent.stream().filter(r -> r.target().equals(r3)).count() >= 5, "beats r3 now");
        heart.close();
    }

    /** a (over TLS) issues a token and names b (plaintext) as a candidate, then goes down. */
    Registries tlsRegistryNamingAPlaintextCandidate(URI a, URI b) {
        dev.heart.api.LeaseToken token = dev.heart.api.LeaseToken.of(new byte[] {7, 7, 7});
        int[] aBeats = {0};
        return new Registries(request -> {
            if (request.target().equals(a)) {
                return ++aBeats[0] == 1
                        ? Response.accept(
                                new RegistryInfo("a", "svc", a, List.of(b), Map.of()), Duration.ofSeconds(6), token)
                        : new TransportException(a, "a is down");
            }
            return accept(b, Duration.ofSeconds(6));
        });
    }

    @Test
    void failover_neverMovesFromTlsToAPlaintextCandidate_byDefault() {
        URI a = URI.create("tcps://a:1");
        URI b = URI.create("tcp://b:2");
        Registries registries = tlsRegistryNamingAPlaintextCandidate(a, b);
        FailoverBeater beater =
                FailoverBeater.builder(LeaseFollowingBeater.builder().build()).build();
        Heart heart = Heart.builder(beater)
                .protocol(registries)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        heart.start(new OutgoingRequest(REQUEST.request(), a), Duration.ofSeconds(1), 0);
        time.advance(Duration.ofSeconds(30));

        assertTrue(registries.sent.size() > 5, "keeps trying: " + registries.sent.size());
        assertTrue(registries.sent.stream().allMatch(r -> r.target().equals(a)), "nothing went to the plaintext b");
        assertTrue(beater.knownRegistries().contains(b), "b is known, just not used");
        heart.closeAsync();
        time.advance(Duration.ofSeconds(2));
    }

    @Test
    void failover_toAPlaintextCandidateAllowedByName_carriesNoToken() {
        URI a = URI.create("tcps://a:1");
        URI b = URI.create("tcp://b:2");
        Registries registries = tlsRegistryNamingAPlaintextCandidate(a, b);
        FailoverBeater beater = FailoverBeater.builder(
                        LeaseFollowingBeater.builder().build())
                .allowWeakerScheme("tcp")
                .build();
        Heart heart = Heart.builder(beater)
                .protocol(registries)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        heart.start(new OutgoingRequest(REQUEST.request(), a), Duration.ofSeconds(1), 0);
        time.advance(Duration.ofSeconds(30));

        List<OutgoingRequest> toB =
                registries.sent.stream().filter(r -> r.target().equals(b)).toList();
        assertTrue(toB.size() >= 5, "moved to b, as allowed: " + toB.size());
        assertTrue(toB.stream().allMatch(r -> r.request().token() == null), "a's token never went to b");
        assertTrue(
                registries.sent.stream()
                        .filter(r -> r.target().equals(a))
                        .skip(1)
                        .allMatch(r -> r.request().token() != null),
                "while a's beats carried it");
        heart.closeAsync();
        time.advance(Duration.ofSeconds(2));
    }

    @Test
    void beatersRefuseBadConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> FixedRateBeater.builder(REQUEST, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> FixedRateBeater.builder(REQUEST, Duration.ofSeconds(1)).jitter(1));
        assertThrows(NullPointerException.class, () -> FixedRateBeater.builder(null, Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> LeaseFollowingBeater.builder(REQUEST).fraction(0));
        assertThrows(
                IllegalArgumentException.class,
                () -> LeaseFollowingBeater.builder(REQUEST).margin(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> Attempts.of(Duration.ofSeconds(1), -1));
        assertThrows(
                IllegalArgumentException.class,
                () -> Recovery.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> FailoverBeater.builder(REQUEST, null));
    }

    @Test
    void oneBeaterDrivesManyRegistrants_eachResendingItsOwnRequest() {
        Registries registry = new Registries(r -> accept(r.target(), Duration.ofSeconds(3)));
        Heart heart = Heart.builder(LeaseFollowingBeater.builder()
                        .recovery(Recovery.builder()
                                .attempts(Attempts.of(Duration.ofMillis(200), 3))
                                .build())
                        .build())
                .protocol(registry)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        for (String id : List.of("a", "b", "c")) {
            heart.start(
                    new OutgoingRequest(
                            dev.heart.api.Request.beat(dev.heart.api.RegistrantInfo.of(id, "svc")),
                            URI.create("mem://" + id)),
                    Duration.ofSeconds(1),
                    0);
        }
        time.advance(Duration.ofSeconds(10));

        Map<String, Long> byRegistrant = new TreeMap<>();
        for (OutgoingRequest sent : registry.sent) {
            String id = sent.request().registrant().id();
            assertEquals("mem://" + id, sent.target().toString(), "each registrant keeps its own target");
            byRegistrant.merge(id, 1L, Long::sum);
        }
        assertEquals(Set.of("a", "b", "c"), byRegistrant.keySet());
        byRegistrant.values().forEach(count -> assertTrue(count >= 9, "beats at a third of 3 s: " + byRegistrant));
        heart.close();
    }
}
