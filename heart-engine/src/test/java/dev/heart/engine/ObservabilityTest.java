package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static dev.heart.engine.ScenarioTest.SECOND;
import static dev.heart.engine.ScenarioTest.outcome;
import static dev.heart.engine.ScriptedProtocol.fail;
import static dev.heart.engine.ScriptedProtocol.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.event.Level;

/** Issue 15 (engine): the answered event, the log lines a service owner reads, the MDC. */
@Timeout(60)
class ObservabilityTest {
    final ManualTime time = new ManualTime();
    final RecordingLogger log = new RecordingLogger();

    Heart.Builder heart(HeartBeater beater, ScriptedProtocol protocol) {
        return Heart.builder(beater)
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .beatingLog(log);
    }

    static ScriptedProtocol.Step answer(Response response) {
        return new ScriptedProtocol.Answer(Duration.ZERO, response);
    }

    @Test
    void answeredHearsEveryResponse_acceptsAndRejects_withTheBeatersRoundTripAndRetries() {
        ScriptedProtocol protocol = new ScriptedProtocol(
                time,
                fail("one"),
                fail("two"),
                ok(Duration.ofMillis(30)),
                answer(Response.reject(ScriptedProtocol.REGISTRY, RejectReason.CAPACITY)),
                ok(Duration.ofMillis(5)));
        List<String> heard = new ArrayList<>();
        List<String> beaterSaw = new ArrayList<>();
        int[] calls = {0};
        Beating beating = heart(
                        next -> {
                            beaterSaw.add(next.response().reject() + " "
                                    + next.roundTrip().toMillis() + " ms " + next.retries());
                            if (++calls[0] < 3) {
                                next.send(REQUEST, SECOND, 2);
                            }
                        },
                        protocol)
                .listener(new HeartListener() {
                    @Override
                    public void answered(Beating b, Response response, Duration roundTrip, int retries) {
                        heard.add(response.reject() + " " + roundTrip.toMillis() + " ms " + retries);
                    }
                })
                .build()
                .start(REQUEST, SECOND, 2);
        time.advance(SECOND);

        assertNull(outcome(beating));
        assertEquals(List.of("false 30 ms 2", "true 0 ms 0", "false 5 ms 0"), heard);
        assertEquals(heard, beaterSaw, "the listener hears what the beater is told, every time");
    }

    @Test
    void registeredLostAndRegisteredAgain_atInfo_aFailedBeatAtWarnWithEveryAttempt() {
        // registered; then two silent beats (lease 10 s passes: LOST); the beater retries through
        // beatFailed; then accepted again; then rejected as not registered.
        ScriptedProtocol protocol = new ScriptedProtocol(
                time,
                ok(Duration.ZERO),
                ScriptedProtocol.silent(),
                fail("refused"),
                ScriptedProtocol.silent(),
                ScriptedProtocol.silent(),
                ok(Duration.ZERO),
                answer(Response.reject(ScriptedProtocol.REGISTRY, RejectReason.NOT_REGISTERED)));
        HeartBeater beater = new HeartBeater() {
            int calls;

            @Override
            public void beat(BeatAnswer next) {
                if (++calls < 3) {
                    next.send(REQUEST, Attempts.of(Duration.ofSeconds(4), 1), Duration.ofSeconds(3));
                }
            }

            @Override
            public void beatFailed(BeatFailure next) {
                next.send(REQUEST, Duration.ofSeconds(4), 1);
            }
        };
        Beating beating = heart(beater, protocol).build().start(REQUEST, SECOND, 0);
        time.advance(Duration.ofMinutes(1));
        assertNull(outcome(beating));

        String who = "a (svc) at mem://r1";
        List<String> info = log.at(Level.INFO);
        assertEquals(4, info.size(), String.join("\n", log.lines));
        assertTrue(info.get(0).startsWith("INFO registered: " + who + ", registry r1, lease PT10S"), info.get(0));
        assertTrue(info.get(1).startsWith("INFO LOST: " + who), info.get(1));
        assertTrue(info.get(2).startsWith("INFO registered again: " + who), info.get(2));
        assertTrue(
                info.get(3)
                        .startsWith("INFO no longer registered: " + who + ", rejected by registry r1 (NOT_REGISTERED)"),
                info.get(3));
        List<String> warn = log.at(Level.WARN);
        assertEquals(2, warn.size(), String.join("\n", log.lines));
        assertEquals(
                "WARN beat failed: " + who + ": 2 attempts failed: 1 x AttemptTimeoutException"
                        + " (no answer within 4000 ms), 1 x TransportException (refused [mem://r1])",
                warn.get(0));
        assertTrue(warn.get(1).contains("2 x AttemptTimeoutException"), warn.get(1));
    }

    @Test
    void anAcceptanceWithANewLeaseToken_isLoggedAsRegisteredAgain_theSameTokenIsNot() {
        // a registry that forgot us (a restart) registers the next beat anew, with a new token:
        // no rejection was seen, but the registration is a new one
        dev.heart.api.LeaseToken first = dev.heart.api.LeaseToken.of(new byte[] {1, 2, 3});
        dev.heart.api.LeaseToken second = dev.heart.api.LeaseToken.of(new byte[] {4, 5, 6});
        ScriptedProtocol protocol = new ScriptedProtocol(
                time,
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10), first)),
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10), first)),
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10), second)));
        int[] calls = {0};
        Beating beating = heart(
                        next -> {
                            if (++calls[0] < 3) {
                                next.send(REQUEST, Attempts.of(SECOND, 0), SECOND);
                            }
                        },
                        protocol)
                .build()
                .start(REQUEST, SECOND, 0);
        time.advance(Duration.ofSeconds(5));
        assertNull(outcome(beating));

        List<String> info = log.at(Level.INFO);
        assertEquals(2, info.size(), String.join("\n", log.lines));
        assertTrue(info.get(0).startsWith("INFO registered: a (svc)"), info.get(0));
        assertTrue(info.get(1).startsWith("INFO registered again: a (svc)"), info.get(1));
    }

    @Test
    void manyHeartsChangingTogether_areSummarized_notLoggedOneByOne() {
        ScriptedProtocol protocol = new ScriptedProtocol(time);
        Heart heart = heart(next -> {}, protocol).build();
        for (int i = 0; i < 500; i++) {
            heart.start(
                    new OutgoingRequest(Request.beat(RegistrantInfo.of("r" + i, "orders")), URI.create("mem://r1")),
                    SECOND,
                    0);
        }
        time.advance(Duration.ofSeconds(2));
        List<String> info = log.at(Level.INFO);
        assertEquals(LogLimiter.PER_WINDOW + 1, info.size(), String.join("\n", info));
        assertEquals(
                "INFO ... and 490 more: registered, in the last 1 s (only 10 lines a second are logged)",
                info.get(info.size() - 1));
    }

    @Test
    void mdcNamesTheRegistrant_aroundBeaterAndListenerCalls_andIsRemovedAfter() throws Exception {
        OutgoingRequest request =
                new OutgoingRequest(Request.beat(RegistrantInfo.of("orders-9", "orders")), URI.create("mem://r1"));
        // slf4j-simple, the tests' binding, keeps no MDC: slf4j's own basic adapter stands in.
        org.slf4j.spi.MDCAdapter binding = Mdc.adapter;
        org.slf4j.spi.MDCAdapter mdc = new org.slf4j.helpers.BasicMDCAdapter();
        Mdc.adapter = mdc;
        List<String> seen = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "heart-test-executor"));
        try {
            // The executor's thread exists before the heart runs (BasicMDCAdapter is inheritable).
            executor.submit(() -> {}).get(10, TimeUnit.SECONDS);
            int[] calls = {0};
            Beating beating = Heart.builder(next -> {
                        seen.add("beater " + mdc.get("heart.registrant") + " " + mdc.get("heart.service"));
                        if (++calls[0] < 2) {
                            next.send(request, SECOND, 0);
                        }
                    })
                    .protocol(new ScriptedProtocol(time))
                    .timeSource(time)
                    .executor(executor)
                    .listener(new HeartListener() {
                        @Override
                        public void answered(Beating b, Response response, Duration roundTrip, int retries) {
                            seen.add("listener " + mdc.get("heart.registrant") + " " + mdc.get("heart.service"));
                        }
                    })
                    .build()
                    .start(request, SECOND, 0);
            mdc.put("heart.registrant", "the caller's own");
            while (!beating.completion().isDone()) {
                time.advance(Duration.ofMillis(10));
                Thread.sleep(1);
            }
            assertEquals("the caller's own", mdc.get("heart.registrant"), "an outer value is restored");
            mdc.remove("heart.registrant");
            assertNull(outcome(beating));
            assertTrue(seen.contains("beater orders-9 orders"), seen.toString());
            assertTrue(seen.contains("listener orders-9 orders"), seen.toString());
            seen.forEach(line -> assertTrue(line.endsWith("orders-9 orders"), line));
            String after = executor.submit(() -> mdc.get("heart.registrant") + " " + mdc.get("heart.service"))
                    .get(10, TimeUnit.SECONDS);
            assertEquals("null null", after, "removed from the executor's thread after the call");
        } finally {
            executor.shutdownNow();
            Mdc.adapter = binding;
        }
    }

    @Test
    void engineLoggersArePerConcern() {
        assertEquals("dev.heart.engine.Heart", EngineLog.HEART.getName());
        assertEquals("dev.heart.engine.Beating", EngineLog.BEATING.getName());
        assertEquals("dev.heart.engine.Listener", EngineLog.LISTENER.getName());
        assertEquals("dev.heart.engine.Timer", EngineLog.TIMER.getName());
    }

    @Test
    void aFailedBeatsCauses_areCountedByKind_inOneShortLine() {
        List<Throwable> causes = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            causes.add(new IllegalStateException("e" + (i % 7)));
        }
        String line = BeatingLogs.causes(causes);
        assertTrue(line.startsWith("100000 attempts failed: 14286 x IllegalStateException (e0)"), line);
        assertTrue(line.endsWith(", and 2 other causes"), line);
        assertInstanceOf(String.class, line);
    }
}
