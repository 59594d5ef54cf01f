package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static dev.heart.engine.ScenarioTest.SECOND;
import static dev.heart.engine.ScenarioTest.outcome;
import static dev.heart.engine.ScriptedProtocol.fail;
import static dev.heart.engine.ScriptedProtocol.rejected;
import static dev.heart.engine.ScriptedProtocol.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Lease health, late beats, stats and the beatFailed hook, in manual time. */
class HealthAndStatsTest {
    final ManualTime time = new ManualTime();
    final List<String> health = new CopyOnWriteArrayList<>();
    final List<Duration> late = new CopyOnWriteArrayList<>();
    final HeartListener listener = new HeartListener() {
        @Override
        public void healthChanged(Beating beating, Health previous, Health current) {
            health.add(previous + "->" + current);
        }

        @Override
        public void lateBeat(Beating beating, Duration lateness) {
            late.add(lateness);
        }
    };

    /** Beats every {@code interval}; the registry (ScriptedProtocol) grants a 10 s lease. */
    static HeartBeater every(Duration interval) {
        return next -> next.send(REQUEST, Attempts.of(SECOND, 2), interval);
    }

    Heart heart(HeartBeater beater, ScriptedProtocol protocol, Executor executor) {
        return Heart.builder(beater)
                .protocol(protocol)
                .timeSource(time)
                .executor(executor)
                .listener(listener)
                .build();
    }

    @Test
    void healthyWhileBeatsAreAccepted_atRiskOnFailure_healthyAgainOnSuccess() {
        var protocol = new ScriptedProtocol(time, ScriptedProtocol.ok(Duration.ZERO), fail("blip"));
        Beating beating =
                heart(every(Duration.ofSeconds(3)), protocol, Runnable::run).start(REQUEST, SECOND, 2);
        time.advance(Duration.ofSeconds(1));
        assertEquals(Health.HEALTHY, beating.health());
        time.advance(Duration.ofSeconds(3));
        assertEquals(List.of("UNREGISTERED->HEALTHY", "HEALTHY->AT_RISK", "AT_RISK->HEALTHY"), health);
        assertEquals(Health.HEALTHY, beating.health());
    }

    @Test
    void lostIsDeclaredFromTheClockEvenWithoutAnyAnswer() {
        // The first beat is accepted with a 10 s lease; then the registry never answers again.
        var protocol = new ScriptedProtocol(time, ScriptedProtocol.ok(Duration.ZERO));
        for (int i = 0; i < 50; i++) {
            protocol.then(silent());
        }
        HeartBeater patient = next -> next.send(REQUEST, Attempts.of(Duration.ofSeconds(30), 3), Duration.ofSeconds(1));
        Beating beating = heart(patient, protocol, Runnable::run).start(REQUEST, SECOND, 0);
        time.advance(Duration.ofMillis(7_400));
        assertEquals(Health.HEALTHY, beating.health(), "more than a quarter of the lease left");
        time.advance(Duration.ofMillis(200));
        assertEquals(Health.AT_RISK, beating.health(), "less than a quarter left");
        time.advance(Duration.ofMillis(2_400));
        assertEquals(Health.LOST, beating.health(), "the deadline passed with an attempt still pending");
        assertEquals(List.of("UNREGISTERED->HEALTHY", "HEALTHY->AT_RISK", "AT_RISK->LOST"), health);
        beating.stop();
        time.advance(Duration.ofSeconds(2));
        assertEquals(Health.UNREGISTERED, beating.health());
    }

    @Test
    void aHeartThatBeatsInTimeNeedsNoLeaseTimer() {
        var protocol = new ScriptedProtocol(time); // accepts at once, 10 s lease
        Beating beating =
                heart(every(Duration.ofSeconds(3)), protocol, Runnable::run).start(REQUEST, SECOND, 2);
        time.advance(Duration.ofSeconds(20));
        assertEquals(Health.HEALTHY, beating.health());
        assertEquals(1, time.pendingTasks(), "only the wait for the next beat");
        assertEquals(List.of("UNREGISTERED->HEALTHY"), health);
    }

    @Test
    void rejectionMeansUnregistered() {
        var protocol = new ScriptedProtocol(time, ScriptedProtocol.ok(Duration.ZERO), rejected());
        int[] calls = {0};
        heart(
                        next -> {
                            if (calls[0]++ == 0) {
                                next.send(REQUEST, SECOND, 0);
                            }
                        },
                        protocol,
                        Runnable::run)
                .start(REQUEST, SECOND, 0);
        time.advance(SECOND);
        assertEquals(List.of("UNREGISTERED->HEALTHY", "HEALTHY->UNREGISTERED"), health);
    }

    @Test
    void aBeatSentLateIsReportedWithItsLateness() {
        var protocol = new ScriptedProtocol(time);
        // A beater that stalls the clock: as a GC pause would, time jumps while it runs.
        int[] calls = {0};
        HeartBeater beater = next -> {
            if (++calls[0] < 4) {
                next.send(REQUEST, Attempts.of(SECOND, 0), Duration.ofSeconds(5));
            }
        };
        Heart heart = heart(beater, protocol, Runnable::run);
        Beating beating = heart.start(REQUEST, SECOND, 0);
        time.advance(Duration.ofSeconds(4));
        jumpClock(Duration.ofMillis(1_500)); // the due time passes while nothing runs
        time.advance(Duration.ofSeconds(20));

        assertNull(outcome(beating));
        assertEquals(1, late.size(), "one beat was late: " + late);
        assertEquals(Duration.ofMillis(500), late.get(0));
        HeartStats stats = heart.stats();
        assertEquals(1, stats.lateBeats());
        assertEquals(3, stats.lateness().count(), "every delayed beat is measured");
    }

    /** Moves the manual clock without running due tasks, like a paused process. */
    private void jumpClock(Duration pause) {
        time.jump(pause);
    }

    @Test
    void statsCountBeatsFailuresAndCausesPerBeatingAndPerHeart() {
        var protocol = new ScriptedProtocol(
                time,
                fail("a"),
                ScriptedProtocol.ok(Duration.ofMillis(40)),
                ScriptedProtocol.ok(Duration.ofMillis(20)),
                rejected());
        int[] calls = {0};
        Heart heart = heart(
                next -> {
                    if (calls[0]++ < 2) {
                        next.send(REQUEST, SECOND, 1);
                    }
                },
                protocol,
                Runnable::run);
        Beating beating = heart.start(REQUEST, SECOND, 1);
        time.advance(SECOND);

        BeatingStats stats = beating.stats();
        assertEquals(3, stats.beats());
        assertEquals(1, stats.rejections());
        assertEquals(1, stats.failedAttempts());
        assertEquals(Map.of("TransportException", 1L), stats.failuresByCause());
        assertEquals(3, stats.roundTrip().count());
        assertEquals(Duration.ofMillis(40), stats.roundTrip().max());
        assertEquals(Duration.ofMillis(20), stats.roundTrip().p50());
        assertEquals(Beating.State.ENDED, stats.state());

        HeartStats total = heart.stats();
        assertEquals(3, total.beats());
        assertEquals(Map.of("TransportException", 1L), total.failuresByCause());
        assertEquals(0, total.running());
        long maxMicros = total.roundTrip().max().toNanos() / 1000;
        assertTrue(maxMicros >= 40_000 && maxMicros <= 43_000, "histogram max within 6%: " + maxMicros);
    }

    @Test
    void beatFailedHook_canContinueTheBeating() {
        var protocol = new ScriptedProtocol(time, ScriptedProtocol.ok(Duration.ZERO), fail("x"), fail("y"));
        List<BeatFailedException> failures = new CopyOnWriteArrayList<>();
        HeartBeater failover = new HeartBeater() {
            int beats;

            @Override
            public void beat(BeatAnswer next) {
                if (++beats < 3) {
                    next.send(REQUEST, SECOND, 0);
                }
            }

            @Override
            public void beatFailed(BeatFailure next) {
                failures.add(next.failure());
                next.send(REQUEST, Attempts.of(SECOND, 0), Duration.ofSeconds(2));
            }
        };
        Beating beating = heart(failover, protocol, Runnable::run).start(REQUEST, SECOND, 0);
        time.advance(Duration.ofSeconds(10));

        assertNull(outcome(beating), "the beater stopped after recovering");
        assertEquals(2, failures.size());
        assertInstanceOf(TransportException.class, failures.get(0).getCause());
        assertEquals(2, beating.stats().failedBeats());
    }
}
