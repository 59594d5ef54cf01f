package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static dev.heart.engine.ScenarioTest.SECOND;
import static dev.heart.engine.ScenarioTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeaterFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 12: setup mistakes fail at once, a stop is not an error, no recursion, no overflow. */
@Timeout(120)
class SetupAndStopTest {
    final ManualTime time = new ManualTime();
    final EventLog log = new EventLog();

    Heart heart(HeartBeater beater, RequestProtocol protocol) {
        return Heart.builder(beater)
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .listener(log)
                .build();
    }

    // ---- fail fast ----

    @Test
    void aSchemeNoTransportServes_failsStartAndRunBeatingAtOnce_sendingNothing() {
        Heart heart = Heart.builder(next -> next.send(REQUEST, SECOND, 0))
                .protocol(Transports.route(Map.of()))
                .timeSource(time)
                .build();
        OutgoingRequest tcp = new OutgoingRequest(REQUEST.request(), URI.create("tcp://127.0.0.1:1"));
        NoTransportException atStart = assertThrows(NoTransportException.class, () -> heart.start(tcp, SECOND, 3));
        assertTrue(atStart.getMessage().contains("no transport for scheme 'tcp'"), atStart.getMessage());
        assertTrue(atStart.getMessage().contains("heart-transport-tcp"), atStart.getMessage());
        assertThrows(NoTransportException.class, () -> heart.runBeating(tcp, SECOND, 3));
        assertEquals(0, heart.runningBeatings(), "nothing started");
        assertEquals(0, time.pendingTasks(), "no retry, no timer");
    }

    @Test
    void theDefaultTransports_failFastToo() {
        // The engine's own tests have no transport on the module path.
        try (Heart heart = Heart.builder(next -> {}).timeSource(time).build()) {
            OutgoingRequest etcd = new OutgoingRequest(REQUEST.request(), URI.create("etcd://127.0.0.1:2379"));
            NoTransportException e = assertThrows(NoTransportException.class, () -> heart.runBeating(etcd, SECOND, 0));
            assertTrue(e.getMessage().contains("heart-transport-etcd"), e.getMessage());
        }
    }

    @Test
    void aTransportConfigurationErrorItCanDetectBeforeSending_failsStartAtOnce() {
        List<OutgoingRequest> sent = new CopyOnWriteArrayList<>();
        RequestProtocol picky = new RequestProtocol() {
            @Override
            public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
                sent.add(request);
                return new CompletableFuture<>();
            }

            @Override
            public void check(URI target) {
                if (target.getPort() < 0) {
                    throw new NoTransportException("target " + target + " has no port");
                }
            }
        };
        Heart heart = heart(next -> {}, picky);
        OutgoingRequest noPort = new OutgoingRequest(REQUEST.request(), URI.create("mem://registry"));
        NoTransportException e = assertThrows(NoTransportException.class, () -> heart.start(noPort, SECOND, 5));
        assertTrue(e.getMessage().contains("has no port"), e.getMessage());
        assertEquals(List.of(), sent);
    }

    @Test
    void aBeaterMovingToATargetNoTransportServes_failsAtItsSendCall() {
        OutgoingRequest tcp = new OutgoingRequest(REQUEST.request(), URI.create("tcp://127.0.0.1:1"));
        RequestProtocol memOnly = new RequestProtocol() {
            @Override
            public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
                return CompletableFuture.completedFuture(Response.accept(ScriptedProtocol.REGISTRY, SECOND));
            }

            @Override
            public void check(URI target) {
                if (!"mem".equals(target.getScheme())) {
                    throw new NoTransportException("no transport for scheme '" + target.getScheme() + "'");
                }
            }
        };
        Beating beating = heart(next -> next.send(tcp, SECOND, 0), memOnly).start(REQUEST, SECOND, 0);
        time.advance(SECOND);
        BeaterFailedException failure = assertInstanceOf(BeaterFailedException.class, outcome(beating));
        assertInstanceOf(NoTransportException.class, failure.getCause());
    }

    // ---- a stop is not an error ----

    @Test
    void aStoppedBeating_completesWithThePublicStoppedOutcome_andDisconnectedGetsThatVeryObject() {
        ScriptedProtocol protocol = new ScriptedProtocol(time);
        Beating beating = heart(next -> next.send(REQUEST, Attempts.of(SECOND, 0), Duration.ofHours(1)), protocol)
                .start(REQUEST, SECOND, 0);
        time.advance(SECOND);
        beating.stop();
        time.advance(SECOND);

        BeatingStoppedException stopped = assertInstanceOf(BeatingStoppedException.class, outcome(beating));
        assertEquals(
                "beating " + beating.id() + " of "
                        + REQUEST.request().registrant().id() + " was stopped",
                stopped.getMessage());
        assertFalse(stopped.toString().contains("$"), "no private class in " + stopped);
        assertEquals(
                "dev.heart.engine.BeatingStoppedException", stopped.getClass().getName());
        assertEquals(0, stopped.getStackTrace().length, "stackless");
        assertEquals(List.of("established", "disconnected"), log.events);
        assertSame(stopped, log.disconnectCauses.get(0), "the cause passed is the outcome itself");
        assertTrue(protocol.sent.get(protocol.sent.size() - 1).request().disconnect());
    }

    @Test
    void aStopBeforeAnyRequestWentOut_sendsNoDisconnect() {
        ScriptedProtocol protocol = new ScriptedProtocol(time);
        Beating beating = heart(next -> {}, protocol)
                .start(next -> {}, REQUEST, new AttemptPlan(Duration.ofMinutes(1), Attempts.once(SECOND)));
        beating.stop();
        time.advance(SECOND);
        assertInstanceOf(BeatingStoppedException.class, outcome(beating));
        assertEquals(List.of(), protocol.sent);
    }

    @Test
    void aStopWhileTheFirstRequestIsInFlight_sendsTheDisconnect_withoutEstablished() {
        ScriptedProtocol protocol = new ScriptedProtocol(time, ScriptedProtocol.silent());
        Beating beating = heart(next -> {}, protocol).start(REQUEST, SECOND, 0);
        beating.stop();
        time.advance(SECOND);
        assertInstanceOf(BeatingStoppedException.class, outcome(beating));
        assertEquals(2, protocol.sent.size());
        assertTrue(protocol.sent.get(1).request().disconnect(), "a request went out: the registry is told");
        assertEquals(List.of(), log.events, "never established: no disconnected event");
    }

    // ---- no recursion, no overflow ----

    @Test
    void aHundredThousandRetriesOfFailedAlreadyFutures_runWithoutRecursion_everyAttemptReported() {
        RequestProtocol failing = (request, deadline) ->
                CompletableFuture.failedFuture(new TransportException(request.target(), "refused"));
        int retryN = 100_000;
        List<Integer> attempts = new ArrayList<>();
        HeartListener counting = new HeartListener() {
            @Override
            public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
                attempts.add(attempt);
            }
        };
        Beating beating = Heart.builder(next -> {})
                .protocol(failing)
                .timeSource(time)
                .executor(Runnable::run)
                .listener(counting)
                .build()
                .start(REQUEST, SECOND, retryN);
        time.advance(SECOND);
        BeatFailedException failure = assertInstanceOf(BeatFailedException.class, outcome(beating));
        assertEquals(retryN + 1, failure.causes().size());
        assertEquals(retryN + 1, attempts.size(), "every attempt failed event, the last included");
        for (int i = 0; i < attempts.size(); i++) {
            assertEquals(i + 1, attempts.get(i), "attempt events in order, none missing");
        }
        assertEquals(retryN + 1, beating.stats().failedAttempts());
    }

    @Test
    void durationsTooLargeForTheEngine_areRefusedUpFront_namingArgumentAndMaximum() {
        Heart heart = heart(next -> {}, new ScriptedProtocol(time));
        Duration thousandYears = Duration.ofDays(365_000);
        IllegalArgumentException timeout =
                assertThrows(IllegalArgumentException.class, () -> heart.start(REQUEST, thousandYears, 0));
        assertTrue(timeout.getMessage().startsWith("initTimeout must be at most 36500 days"), timeout.getMessage());
        IllegalArgumentException delay = assertThrows(
                IllegalArgumentException.class,
                () -> heart.start(
                        next -> {}, REQUEST, new AttemptPlan(Duration.ofNanos(Long.MAX_VALUE), Attempts.once(SECOND))));
        assertTrue(delay.getMessage().startsWith("delay must be at most 36500 days"), delay.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Heart.builder(next -> {}).disconnectTimeout(Duration.ofSeconds(Long.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> RetryBackoff.exponential(SECOND, thousandYears, 0));
    }

    @Test
    void aBeaterAskingForAHugeTimeoutOrDelay_getsTheSameClearErrorFromSend() {
        Beating timeout = heart(next -> next.send(REQUEST, Duration.ofDays(365_000), 0), new ScriptedProtocol(time))
                .start(REQUEST, SECOND, 0);
        Beating delay = heart(
                        next -> next.send(REQUEST, Attempts.of(SECOND, 0), Duration.ofNanos(Long.MAX_VALUE)),
                        new ScriptedProtocol(time))
                .start(REQUEST, SECOND, 0);
        time.advance(SECOND);
        Throwable timeoutCause =
                assertInstanceOf(BeaterFailedException.class, outcome(timeout)).getCause();
        assertInstanceOf(IllegalArgumentException.class, timeoutCause);
        assertTrue(
                timeoutCause.getMessage().startsWith("timeout must be at most 36500 days"), timeoutCause.getMessage());
        Throwable delayCause =
                assertInstanceOf(BeaterFailedException.class, outcome(delay)).getCause();
        assertTrue(delayCause.getMessage().startsWith("delay must be at most 36500 days"), delayCause.getMessage());
    }

    @Test
    void aHugeLeaseFromTheRegistry_isSaturatedNotAnOverflow() {
        ScriptedProtocol protocol = new ScriptedProtocol(
                time,
                new ScriptedProtocol.Answer(
                        Duration.ZERO, Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(Long.MAX_VALUE))));
        int[] calls = {0};
        Beating beating = heart(
                        next -> {
                            if (++calls[0] < 3) {
                                next.send(REQUEST, Attempts.of(SECOND, 0), Duration.ofMinutes(1));
                            }
                        },
                        protocol)
                .start(REQUEST, SECOND, 0);
        time.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertEquals(Health.HEALTHY, beating.health());
        time.advance(Duration.ofMinutes(2));
        assertEquals(null, outcome(beating), "ended as the beater decided, no ArithmeticException");
        assertEquals(3, calls[0]);
    }
}
