package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static dev.heart.engine.ScenarioTest.SECOND;
import static dev.heart.engine.ScenarioTest.outcome;
import static dev.heart.engine.ScriptedProtocol.fail;
import static dev.heart.engine.ScriptedProtocol.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeaterFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The loop's contract beyond the named scenarios, in manual time. */
class BehaviourTest {
    final ManualTime time = new ManualTime();
    final EventLog log = new EventLog();

    Heart heart(HeartBeater beater, ScriptedProtocol protocol) {
        return Heart.builder(beater)
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .listener(log)
                .build();
    }

    @Test
    void beaterThrowingBeforeEstablished_failsWithItsExceptionAndNoDisconnected() {
        IllegalStateException boom = new IllegalStateException("boom");
        Beating beating = heart(
                        next -> {
                            throw boom;
                        },
                        new ScriptedProtocol(time))
                .start(REQUEST, SECOND, 0);
        time.advance(SECOND);

        BeaterFailedException failure = assertInstanceOf(BeaterFailedException.class, outcome(beating));
        assertSame(boom, failure.getCause());
        assertTrue(log.events.isEmpty());
    }

    @Test
    void beaterThrowingWhenEstablished_disconnectedCarriesTheFailure() {
        int[] calls = {0};
        Beating beating = heart(
                        next -> {
                            if (calls[0]++ == 1) {
                                throw new IllegalArgumentException("second");
                            }
                            next.send(REQUEST, SECOND, 0);
                        },
                        new ScriptedProtocol(time))
                .start(REQUEST, SECOND, 0);
        time.advance(SECOND);

        Throwable failure = outcome(beating);
        assertInstanceOf(BeaterFailedException.class, failure);
        assertEquals(List.of("established", "renewed", "disconnected"), log.events);
        assertSame(failure, log.disconnectCauses.get(0));
    }

    @Test
    void continuationAfterBeatReturned_isRefused() {
        AtomicReference<NextBeat> kept = new AtomicReference<>();
        Beating beating =
                heart(next -> kept.set(next), new ScriptedProtocol(time)).start(REQUEST, SECOND, 0);
        time.advance(SECOND);

        assertNull(outcome(beating));
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> kept.get().send(REQUEST, SECOND, 0));
        assertTrue(refused.getMessage().contains("after the beater returned"), refused.getMessage());
    }

    @Test
    void theContinuationKnowsTheRequestItFollows() {
        OutgoingRequest other =
                new OutgoingRequest(Request.beat(RegistrantInfo.of("b", "svc")), URI.create("mem://r2"));
        java.util.List<OutgoingRequest> known = new java.util.ArrayList<>();
        int[] calls = {0};
        Beating beating = heart(
                        next -> {
                            known.add(next.lastRequest());
                            if (calls[0]++ == 0) {
                                next.send(other, SECOND, 0);
                            }
                        },
                        new ScriptedProtocol(time))
                .start(REQUEST, SECOND, 0);
        time.advance(SECOND);
        assertNull(outcome(beating));
        assertEquals(List.of(REQUEST, other), known);
    }

    @Test
    void severalContinuationCalls_lastOneWins() {
        OutgoingRequest other =
                new OutgoingRequest(Request.beat(RegistrantInfo.of("b", "svc")), URI.create("mem://r2"));
        int[] calls = {0};
        ScriptedProtocol protocol = new ScriptedProtocol(time);
        Beating beating = heart(
                        next -> {
                            if (calls[0]++ == 0) {
                                next.send(REQUEST, SECOND, 0);
                                next.send(other, Attempts.of(SECOND, 0), Duration.ofSeconds(3));
                            }
                        },
                        protocol)
                .start(REQUEST, SECOND, 0);
        time.advance(Duration.ofSeconds(2));
        assertEquals(1, protocol.sent.size(), "the winning call asked for a 3 s delay");
        time.advance(Duration.ofSeconds(2));

        assertNull(outcome(beating));
        assertEquals(List.of(REQUEST, other), protocol.sent);
    }

    @Test
    void throwingListener_isLoggedAndTheLoopGoesOn() {
        HeartListener broken = new HeartListener() {
            @Override
            public void established(Beating beating, Response response) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
                throw new IllegalStateException("listener bug");
            }
        };
        int[] calls = {0};
        ScriptedProtocol protocol = new ScriptedProtocol(time, fail("x"));
        Heart heart = Heart.builder(next -> {
                    if (calls[0]++ < 2) {
                        next.send(REQUEST, SECOND, 0);
                    }
                })
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .listener(broken)
                .listener(log)
                .build();
        Beating beating = heart.start(REQUEST, SECOND, 1);
        time.advance(SECOND);

        assertNull(outcome(beating));
        assertEquals(List.of("attemptFailed#1", "established", "renewed", "renewed", "disconnected"), log.events);
    }

    @Test
    void retryBackoff_waitsBetweenAttempts() {
        ScriptedProtocol protocol = new ScriptedProtocol(time, fail("a"), fail("b"), ok(Duration.ZERO));
        Heart heart = Heart.builder(next -> {})
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .retryBackoff(RetryBackoff.exponential(Duration.ofMillis(100), SECOND, 0))
                .build();
        Beating beating = heart.start(REQUEST, SECOND, 2);
        time.advance(Duration.ofMillis(99));
        assertEquals(1, protocol.sent.size());
        time.advance(Duration.ofMillis(1));
        assertEquals(2, protocol.sent.size());
        time.advance(Duration.ofMillis(199));
        assertEquals(2, protocol.sent.size(), "second wait is doubled");
        time.advance(Duration.ofMillis(1));
        assertEquals(3, protocol.sent.size());
        assertNull(outcome(beating));
    }

    @Test
    void exponentialBackoff_isCappedAndJitteredWithinBounds() {
        RetryBackoff backoff = RetryBackoff.exponential(Duration.ofMillis(100), Duration.ofMillis(700), 0.5);
        for (int retry = 1; retry < 80; retry++) {
            long base = Math.min(700, 100L << Math.min(retry - 1, 20));
            long millis = backoff.delayBefore(retry).toMillis();
            assertTrue(millis >= base / 2 && millis <= base * 3 / 2, retry + " -> " + millis);
        }
        assertEquals(Duration.ZERO, RetryBackoff.none().delayBefore(3));
    }

    @Test
    void failingTransportSend_isAnAttemptFailureNotACrash() {
        RequestProtocol throwing = (request, deadline) -> {
            throw new IllegalStateException("transport bug");
        };
        Beating beating = Heart.builder(next -> {})
                .protocol(throwing)
                .timeSource(time)
                .executor(Runnable::run)
                .build()
                .start(REQUEST, SECOND, 1);
        time.advance(SECOND);

        BeatFailedException failure = assertInstanceOf(BeatFailedException.class, outcome(beating));
        assertEquals(2, failure.causes().size());
        assertEquals("transport bug", failure.getCause().getMessage());
    }

    @Test
    void startOnAClosedHeart_isRefused() {
        Heart heart = heart(next -> {}, new ScriptedProtocol(time));
        heart.close();
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> heart.start(REQUEST, SECOND, 0));
        assertTrue(refused.getMessage().contains("closed"));
    }

    @Test
    void closeAsync_endsEstablishedBeatingsAsTimeMoves() {
        Heart heart = heart(
                next -> next.send(ScenarioTest.REQUEST, Attempts.of(SECOND, 0), Duration.ofSeconds(5)),
                new ScriptedProtocol(time, ScriptedProtocol.ok(Duration.ZERO), ScriptedProtocol.silent()));
        Beating beating = heart.start(REQUEST, SECOND, 0);
        time.advance(Duration.ofMillis(5_500)); // the second beat is in flight
        java.util.concurrent.CompletableFuture<Void> closing = heart.closeAsync();
        assertTrue(!closing.isDone(), "waits for the bounded disconnect");
        time.advance(SECOND);
        assertTrue(closing.isDone());
        assertEquals(Beating.State.ENDED, beating.state());
        assertThrows(IllegalStateException.class, () -> heart.start(REQUEST, SECOND, 0));
    }

    @Test
    void seededBackoff_isReplayable() {
        RetryBackoff first =
                RetryBackoff.exponential(Duration.ofMillis(10), SECOND, 0.5, new java.util.SplittableRandom(7));
        RetryBackoff second =
                RetryBackoff.exponential(Duration.ofMillis(10), SECOND, 0.5, new java.util.SplittableRandom(7));
        for (int retry = 1; retry < 10; retry++) {
            assertEquals(first.delayBefore(retry), second.delayBefore(retry));
        }
    }
}
