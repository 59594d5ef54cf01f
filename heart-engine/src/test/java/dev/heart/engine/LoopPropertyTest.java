package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.heart.api.Attempts;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeaterFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random scripts of per-attempt outcomes and random beater decisions, run in manual time; the
 * invariants of the semantics spec must hold for every one.
 */
class LoopPropertyTest {

    /** What one attempt meets: kind 0 answer, 1 error, 2 no answer, 3 reject; latency in ms. */
    record Step(int kind, int latencyMs) {
        @Override
        public String toString() {
            return List.of("ok", "err", "silent", "reject").get(kind) + "@" + latencyMs;
        }
    }

    /** A beater decision: kind 0 continue, 1 stop, 2 throw. */
    record Decision(int kind, int timeoutMs, int retryN, int delayMs) {
        @Override
        public String toString() {
            return kind == 0
                    ? "go(" + timeoutMs + "ms,r" + retryN + ",+" + delayMs + "ms)"
                    : kind == 1 ? "stop" : "throw";
        }
    }

    static final Gen<Step> STEPS = integers().between(0, 3).zip(integers().between(0, 300), Step::new);
    static final Gen<Decision> DECISIONS = integers()
            .between(0, 12)
            .zip(
                    integers().between(50, 400),
                    integers().between(0, 3),
                    (kind, timeout, retry) -> new Decision(kind < 10 ? 0 : kind - 9, timeout, retry, 0))
            .zip(integers().between(0, 2000), (d, delay) -> new Decision(d.kind(), d.timeoutMs(), d.retryN(), delay));

    @Test
    void invariantsHoldForEveryScriptAndDecisions() {
        qt().withExamples(1000)
                .withShrinkCycles(200)
                .forAll(
                        lists().of(STEPS).ofSizeBetween(0, 30),
                        lists().of(DECISIONS).ofSizeBetween(0, 12),
                        integers().between(0, 3),
                        integers().between(-1, 8000))
                .checkAssert((steps, decisions, initRetryN, stopAtMs) ->
                        new Run(steps, decisions, initRetryN, stopAtMs).check());
    }

    /** One generated run with its trace. */
    static final class Run {
        final List<Step> steps;
        final List<Decision> decisions;
        final int initRetryN;
        final int stopAtMs;
        final ManualTime time = new ManualTime();
        final EventLog log = new EventLog();
        final List<OutgoingRequest> sent = new ArrayList<>();
        final List<Integer> sendsAtBeaterCall = new ArrayList<>();
        final List<Integer> lastRetryNs = new ArrayList<>();
        final List<Integer> retryBudgets = new ArrayList<>();
        final List<CompletableFuture<Response>> futures = new ArrayList<>();
        int decided;
        int eventsAtOutcome = -1;

        Run(List<Step> steps, List<Decision> decisions, int initRetryN, int stopAtMs) {
            this.steps = steps;
            this.decisions = decisions;
            this.initRetryN = initRetryN;
            this.stopAtMs = stopAtMs;
        }

        RequestProtocol protocol() {
            return (request, deadline) -> {
                Step step = sent.size() < steps.size() ? steps.get(sent.size()) : new Step(0, 1);
                sent.add(request);
                CompletableFuture<Response> future = new CompletableFuture<>();
                futures.add(future);
                Duration after = Duration.ofMillis(step.latencyMs());
                switch (step.kind()) {
                    case 0 ->
                        time.schedule(
                                after,
                                () -> future.complete(
                                        Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(5))));
                    case 1 ->
                        time.schedule(
                                after,
                                () -> future.completeExceptionally(
                                        new TransportException(URI.create("mem://r1"), "scripted")));
                    case 3 -> time.schedule(after, () -> future.complete(Response.reject(ScriptedProtocol.REGISTRY)));
                    default -> {}
                }
                return future;
            };
        }

        HeartBeater beater() {
            return next -> {
                sendsAtBeaterCall.add(sent.size());
                lastRetryNs.add(next.retries());
                Decision decision = decided < decisions.size() ? decisions.get(decided) : new Decision(1, 0, 0, 0);
                decided++;
                if (decision.kind() == 2) {
                    throw new IllegalStateException("scripted beater failure");
                }
                if (decision.kind() == 0) {
                    retryBudgets.add(decision.retryN());
                    next.send(
                            REQUEST,
                            Attempts.of(Duration.ofMillis(decision.timeoutMs()), decision.retryN()),
                            Duration.ofMillis(decision.delayMs()));
                }
            };
        }

        void check() {
            retryBudgets.add(initRetryN);
            Heart heart = Heart.builder(beater())
                    .protocol(protocol())
                    .timeSource(time)
                    .executor(Runnable::run)
                    .listener(log)
                    .disconnectTimeout(Duration.ofMillis(250))
                    .build();
            Beating beating = heart.start(REQUEST, Duration.ofMillis(200), initRetryN);
            beating.completion().whenComplete((v, e) -> eventsAtOutcome = log.events.size());
            if (stopAtMs >= 0) {
                time.advance(Duration.ofMillis(stopAtMs));
                beating.stop();
            }
            time.advance(Duration.ofHours(1));
            require(beating.completion().isDone(), "the beating must end: it has a finite script");
            Throwable outcome = outcomeOf(beating);

            // nothing of the beating runs after its outcome, even when stale answers come in
            futures.forEach(f -> f.complete(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(1))));
            time.advance(Duration.ofHours(1));
            require(eventsAtOutcome == log.events.size(), "events after the outcome: " + log.events);
            require(time.pendingTasks() == 0, "timers left behind: " + time.pendingTasks());

            checkAttempts(outcome);
            checkEstablishment(outcome);
        }

        private void checkAttempts(Throwable outcome) {
            int beats = sendsAtBeaterCall.size();
            int from = 0;
            List<Integer> budgets = retryBudgets; // the initial budget, then each continuation's
            for (int beat = 0; beat < beats; beat++) {
                int attempts = sendsAtBeaterCall.get(beat) - from;
                require(
                        attempts >= 1 && attempts <= budgets.get(beat) + 1,
                        "beat " + beat + " made " + attempts + " attempts with retryN " + budgets.get(beat));
                require(
                        lastRetryNs.get(beat) == attempts - 1,
                        "beat " + beat + ": lastRetryN " + lastRetryNs.get(beat) + " after " + attempts + " attempts");
                from = sendsAtBeaterCall.get(beat);
            }
            long beatSends =
                    sent.stream().filter(r -> !r.request().disconnect()).count();
            if (outcome instanceof BeatFailedException failed) {
                require(
                        beatSends - from == budgets.get(beats) + 1,
                        "a failed beat uses its whole budget: " + (beatSends - from) + " vs "
                                + (budgets.get(beats) + 1));
                require(failed.causes().size() == beatSends - from, "one cause per attempt");
            } else {
                require(
                        beatSends - from <= (beats < budgets.size() ? budgets.get(beats) + 1 : 0),
                        "attempts after the last beater call exceed the budget");
            }
            long failedEvents = log.events.stream()
                    .filter(e -> e.startsWith("attemptFailed"))
                    .count();
            long expectedFailures = beatSends - beats;
            if (outcome instanceof CancellationException) {
                require(failedEvents <= expectedFailures, "attemptFailed beyond the failed attempts");
            } else {
                require(
                        failedEvents == expectedFailures,
                        "one attemptFailed per failed attempt: " + failedEvents + " vs " + expectedFailures);
            }
        }

        private void checkEstablishment(Throwable outcome) {
            long established = log.events.stream().filter("established"::equals).count();
            long disconnected =
                    log.events.stream().filter("disconnected"::equals).count();
            long disconnects =
                    sent.stream().filter(r -> r.request().disconnect()).count();
            require(established <= 1, "established more than once");
            require(disconnected == established, "disconnected iff established, once: " + log.events);
            if (established == 1) {
                require("disconnected".equals(log.events.get(log.events.size() - 1)), "disconnected comes last");
                Throwable cause = log.disconnectCauses.get(0);
                require(outcome == null ? cause == null : cause != null, "disconnected carries the real cause");
            }
            boolean stopped = outcome instanceof CancellationException;
            long beatSends = sent.size() - disconnects;
            require(
                    disconnects == (stopped && beatSends > 0 ? 1 : 0),
                    "one disconnect exactly when a beating that sent anything is stopped; sent " + disconnects);
            require(
                    outcome == null
                            || outcome instanceof BeatFailedException
                            || outcome instanceof BeaterFailedException
                            || stopped,
                    "unexpected outcome " + outcome);
        }

        private static Throwable outcomeOf(Beating beating) {
            try {
                beating.completion().join();
                return null;
            } catch (CompletionException e) {
                return e.getCause();
            } catch (CancellationException e) {
                return e;
            }
        }

        private void require(boolean condition, String message) {
            if (!condition) {
                throw new AssertionError(message + "\n  steps=" + steps + "\n  decisions=" + decisions
                        + "\n  initRetryN=" + initRetryN + " stopAtMs=" + stopAtMs + "\n  events=" + log.events);
            }
        }
    }
}
