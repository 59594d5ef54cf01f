package dev.heart.engine;

import static dev.heart.engine.ScriptedProtocol.fail;
import static dev.heart.engine.ScriptedProtocol.ok;
import static dev.heart.engine.ScriptedProtocol.rejected;
import static dev.heart.engine.ScriptedProtocol.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.AttemptPlan;
import dev.heart.api.AttemptTimeoutException;
import dev.heart.api.Attempts;
import dev.heart.api.BeatFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The scenarios A to I of the semantics spec, section 8, in manual time. */
class ScenarioTest {
    static final OutgoingRequest REQUEST =
            new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), URI.create("mem://r1"));
    static final Duration SECOND = Duration.ofSeconds(1);

    final ManualTime time = new ManualTime();
    final EventLog log = new EventLog();
    final List<Response> seen = new CopyOnWriteArrayList<>();
    final List<Integer> retries = new CopyOnWriteArrayList<>();
    final List<Duration> roundTrips = new CopyOnWriteArrayList<>();

    /** A beater that continues {@code times} times, each after {@code delay}, then stops. */
    HeartBeater continuing(int times, Duration delay) {
        int[] calls = {0};
        return next -> {
            seen.add(next.response());
            retries.add(next.retries());
            roundTrips.add(next.roundTrip());
            log.beater("beat");
            if (calls[0]++ < times) {
                next.send(REQUEST, Attempts.of(SECOND, 0), delay);
            }
        };
    }

    Heart heart(HeartBeater beater, ScriptedProtocol protocol) {
        return Heart.builder(beater)
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .listener(log)
                .build();
    }

    static Throwable outcome(Beating beating) {
        CompletableFuture<Void> done = beating.completion();
        assertTrue(done.isDone(), "the beating should have ended");
        try {
            done.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
    }

    @Test
    void scenarioA_failFailOk_reportsTwoRetriesAndTheLastRoundTrip() {
        var protocol = new ScriptedProtocol(time, fail("one"), fail("two"), ok(Duration.ofMillis(30)));
        Beating beating = heart(continuing(0, Duration.ZERO), protocol).start(REQUEST, SECOND, 3);
        time.advance(Duration.ofSeconds(5));

        assertNull(outcome(beating));
        assertEquals(List.of("attemptFailed#1", "attemptFailed#2", "beat"), log.events);
        assertEquals(List.of(2), retries);
        assertEquals(List.of(Duration.ofMillis(30)), roundTrips);
        assertEquals(3, protocol.sent.size());
    }

    @Test
    void scenarioB_everyAttemptFails_threeAttemptsThreeEventsThreeCauses() {
        var protocol = new ScriptedProtocol(time, fail("one"), fail("two"), fail("three"), ok(Duration.ZERO));
        Beating beating = heart(continuing(5, Duration.ZERO), protocol).start(REQUEST, SECOND, 2);
        time.advance(Duration.ofSeconds(5));

        BeatFailedException failure = assertInstanceOf(BeatFailedException.class, outcome(beating));
        assertEquals(3, failure.causes().size());
        assertEquals(
                List.of("one", "two", "three"),
                failure.causes().stream().map(c -> c.getMessage().split(" ")[0]).toList());
        assertSame(failure.causes().get(0), failure.getCause());
        assertEquals(2, failure.getSuppressed().length);
        assertEquals(List.of("attemptFailed#1", "attemptFailed#2", "attemptFailed#3"), log.events);
        assertEquals(3, protocol.sent.size());
        assertTrue(log.disconnectCauses.isEmpty(), "never established, so never disconnected");
    }

    @Test
    void scenarioC_everyAttemptTimesOut_takesRetryNPlusOneTimeouts() {
        var protocol = new ScriptedProtocol(time, silent(), silent(), silent());
        Beating beating = heart(continuing(5, Duration.ZERO), protocol).start(REQUEST, Duration.ofMillis(100), 2);
        time.advance(Duration.ofMillis(299));
        assertFalse(beating.completion().isDone(), "still on the third attempt at 299 ms");
        time.advance(Duration.ofMillis(1));

        BeatFailedException failure = assertInstanceOf(BeatFailedException.class, outcome(beating));
        assertEquals(3, failure.causes().size());
        failure.causes().forEach(cause -> assertInstanceOf(AttemptTimeoutException.class, cause));
        assertTrue(
                protocol.futures.stream().allMatch(CompletableFuture::isCancelled),
                "every timed-out attempt is cancelled in the transport");
    }

    @Test
    void scenarioD_continuesTwiceThenStops_renewedBeforeEachBeat() {
        var protocol = new ScriptedProtocol(time);
        Beating beating = heart(continuing(2, Duration.ZERO), protocol).start(REQUEST, SECOND, 0);
        time.advance(Duration.ofSeconds(1));

        assertNull(outcome(beating));
        assertEquals(List.of("beat", "established", "renewed", "beat", "renewed", "beat", "disconnected"), log.events);
        assertEquals(1, log.disconnectCauses.size());
        assertNull(log.disconnectCauses.get(0), "the beater stopped: no cause");
        assertEquals(3, protocol.sent.size());
    }

    @Test
    void scenarioE_establishedThenBeatFails_disconnectedWithThatFailure() {
        var protocol = new ScriptedProtocol(time, ok(Duration.ZERO), fail("gone"));
        Beating beating = heart(continuing(5, Duration.ZERO), protocol).start(REQUEST, SECOND, 0);
        time.advance(Duration.ofSeconds(1));

        Throwable failure = outcome(beating);
        assertInstanceOf(BeatFailedException.class, failure);
        assertEquals(List.of("beat", "established", "attemptFailed#1", "disconnected"), log.events);
        assertSame(failure, log.disconnectCauses.get(0));
    }

    @Test
    void scenarioF_stoppedWhileEstablished_sendsDisconnectAndEndsCancelled() {
        var protocol = new ScriptedProtocol(time);
        Beating beating =
                heart(continuing(100, Duration.ofSeconds(10)), protocol).start(REQUEST, SECOND, 3);
        time.advance(Duration.ofSeconds(25));
        assertEquals(Beating.State.ESTABLISHED, beating.state());
        int sentBefore = protocol.sent.size();

        beating.stop();
        time.advance(Duration.ofSeconds(1));

        assertInstanceOf(CancellationException.class, outcome(beating));
        assertEquals(sentBefore + 1, protocol.sent.size(), "exactly one disconnect attempt");
        assertTrue(protocol.sent.get(protocol.sent.size() - 1).request().disconnect());
        assertEquals("disconnected", log.events.get(log.events.size() - 1));
        assertInstanceOf(CancellationException.class, log.disconnectCauses.get(0));
        assertEquals(Beating.State.ENDED, beating.state());
        assertEquals(0, time.pendingTasks(), "the pending delay was cancelled");
    }

    @Test
    void scenarioF_disconnectIsOneBoundedAttemptEvenWhenUnanswered() {
        var protocol = new ScriptedProtocol(time, ok(Duration.ZERO), silent(), silent());
        Heart heart = Heart.builder(continuing(100, Duration.ofSeconds(10)))
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .listener(log)
                .disconnectTimeout(Duration.ofMillis(200))
                .build();
        Beating beating = heart.start(REQUEST, SECOND, 5);
        time.advance(Duration.ofSeconds(1));
        beating.stop();
        time.advance(Duration.ofMillis(199));
        assertFalse(beating.completion().isDone());
        time.advance(Duration.ofMillis(1));

        assertInstanceOf(CancellationException.class, outcome(beating));
        assertEquals(2, protocol.sent.size(), "the first beat and one disconnect, no retries");
    }

    @Test
    void scenarioG_rejectionReachesTheBeater() {
        var protocol = new ScriptedProtocol(time, rejected());
        Beating beating = heart(continuing(0, Duration.ZERO), protocol).start(REQUEST, SECOND, 0);
        time.advance(Duration.ofSeconds(1));

        assertNull(outcome(beating));
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).reject());
    }

    @Test
    void scenarioH_retryZero_exactlyOneAttempt() {
        var protocol = new ScriptedProtocol(time, fail("once"), ok(Duration.ZERO));
        Beating beating = heart(continuing(0, Duration.ZERO), protocol).start(REQUEST, SECOND, 0);
        time.advance(Duration.ofSeconds(1));

        assertInstanceOf(BeatFailedException.class, outcome(beating));
        assertEquals(1, protocol.sent.size());
        assertEquals(List.of("attemptFailed#1"), log.events);
    }

    @Test
    void scenarioI_stoppedDuringFirstSend_noEventsAndCancelled() {
        var protocol = new ScriptedProtocol(time, silent());
        Beating beating = heart(continuing(5, Duration.ZERO), protocol).start(REQUEST, SECOND, 3);
        time.advance(Duration.ofMillis(500));
        beating.stop();

        assertFalse(beating.completion().isDone(), "the bounded disconnect is on its way");
        time.advance(SECOND);
        assertInstanceOf(CancellationException.class, outcome(beating));
        assertTrue(log.events.isEmpty(), "no established, no disconnected: " + log.events);
        assertTrue(protocol.futures.get(0).isCancelled());
        assertEquals(2, protocol.sent.size(), "the first request may have reached the registry: take it back");
        assertTrue(protocol.sent.get(1).request().disconnect());
        protocol.futures.get(0).complete(ok(Duration.ZERO) instanceof ScriptedProtocol.Answer a ? a.response() : null);
        time.advance(Duration.ofSeconds(5));
        assertTrue(log.events.isEmpty() && seen.isEmpty(), "nothing runs after the outcome");
        assertEquals(0, time.pendingTasks());
    }

    @Test
    void stopWhileTheBeaterDecidesOnTheFirstResponse_establishesThenDisconnects() {
        var protocol = new ScriptedProtocol(time);
        Beating[] handle = new Beating[1];
        HeartBeater stopping = next -> {
            handle[0].stop(); // the application shuts down while the beater decides
            next.send(REQUEST, Attempts.of(SECOND, 0), Duration.ofSeconds(10));
        };
        Heart heart = heart(stopping, protocol);
        handle[0] = heart.start(stopping, REQUEST, new AttemptPlan(Duration.ofMillis(1), Attempts.once(SECOND)));
        time.advance(SECOND);

        assertInstanceOf(CancellationException.class, outcome(handle[0]));
        assertEquals(List.of("established", "disconnected"), log.events);
        assertEquals(2, protocol.sent.size());
        assertTrue(protocol.sent.get(1).request().disconnect(), "the registry accepted us: tell it we leave");
    }

    @Test
    void stoppedBeforeTheFirstSend_sendsNothing() {
        var protocol = new ScriptedProtocol(time);
        HeartBeater beater = continuing(5, Duration.ZERO);
        Beating beating = heart(beater, protocol)
                .start(beater, REQUEST, new AttemptPlan(Duration.ofSeconds(5), Attempts.once(SECOND)));
        time.advance(SECOND);
        beating.stop();
        time.advance(Duration.ofSeconds(10));

        assertInstanceOf(CancellationException.class, outcome(beating));
        assertTrue(protocol.sent.isEmpty(), "nothing went out, nothing to take back");
        assertTrue(log.events.isEmpty());
    }
}
