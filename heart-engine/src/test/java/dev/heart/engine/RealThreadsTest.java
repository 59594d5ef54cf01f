package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.BeatFailedException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine on its real timer and executor: blocking calls, interrupts, close, threads. */
@Timeout(60)
class RealThreadsTest {
    static final Duration SHORT = Duration.ofMillis(200);

    /** Answers at once, accepting. */
    static final class InstantProtocol implements RequestProtocol {
        final List<OutgoingRequest> sent = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
            sent.add(request);
            return CompletableFuture.completedFuture(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(5)));
        }
    }

    /** The live platform threads named heart-... now. */
    static Set<Thread> heartThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("heart-"))
                .collect(Collectors.toSet());
    }

    /** The heart-... threads alive now that were not alive in {@code before}: the ones this test's heart started. */
    static Set<Thread> startedSince(Set<Thread> before) {
        Set<Thread> now = heartThreads();
        now.removeAll(before);
        return now;
    }

    /**
     * Waits until every thread in {@code started} has ended, and every heart-... thread started since
     * {@code before}: only threads this test's heart started count, not another test's leftovers.
     */
    static void awaitEnded(Set<Thread> before, Set<Thread> started) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Thread thread : started) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        while (!startedSince(before).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<String> left = new ArrayList<>();
        started.stream().filter(Thread::isAlive).forEach(t -> left.add(t.getName()));
        startedSince(before).forEach(t -> left.add(t.getName()));
        assertEquals(List.of(), left, "threads of this heart left behind");
    }

    @Test
    void runBeating_returnsWhenTheBeaterStops() throws Exception {
        InstantProtocol protocol = new InstantProtocol();
        int[] calls = {0};
        try (Heart heart = Heart.builder(next -> {
                    if (++calls[0] < 100) {
                        next.send(REQUEST, SHORT, 0);
                    }
                })
                .protocol(protocol)
                .build()) {
            heart.runBeating(REQUEST, SHORT, 0);
        }
        assertEquals(100, calls[0]);
        assertEquals(100, protocol.sent.size());
    }

    @Test
    void runBeating_throwsTheBeatFailureWithEveryCause() throws Exception {
        RequestProtocol failing = (request, deadline) ->
                CompletableFuture.failedFuture(new TransportException(request.target(), "refused"));
        try (Heart heart = Heart.builder(next -> {}).protocol(failing).build()) {
            BeatFailedException failure =
                    assertThrows(BeatFailedException.class, () -> heart.runBeating(REQUEST, SHORT, 2));
            assertEquals(3, failure.causes().size());
        }
    }

    @Test
    void interruptedRunBeating_sendsDisconnectThenThrowsInterruptedException() throws Exception {
        InstantProtocol protocol = new InstantProtocol();
        CountDownLatch established = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (Heart heart = Heart.builder(next -> next.send(REQUEST, Attempts.of(SHORT, 0), Duration.ofHours(1)))
                .protocol(protocol)
                .listener(new HeartListener() {
                    @Override
                    public void established(Beating beating, Response response) {
                        established.countDown();
                    }
                })
                .build()) {
            Thread caller = new Thread(
                    () -> {
                        try {
                            heart.runBeating(REQUEST, SHORT, 0);
                        } catch (Throwable t) {
                            thrown.set(t);
                        }
                    },
                    "test-caller");
            caller.start();
            assertTrue(established.await(10, TimeUnit.SECONDS));
            caller.interrupt();
            caller.join(10_000);
            assertInstanceOf(InterruptedException.class, thrown.get());
            assertEquals(0, heart.runningBeatings());
        }
        assertEquals(2, protocol.sent.size());
        assertTrue(protocol.sent.get(1).request().disconnect(), "the last request is the disconnect");
    }

    @Test
    void thousandConcurrentBeatingsStopped_leaveNoThreadBehind() throws Exception {
        Set<Thread> before = heartThreads();
        Set<Thread> started;
        InstantProtocol protocol = new InstantProtocol();
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        try (Heart heart = Heart.builder(next -> next.send(REQUEST, Attempts.of(SHORT, 1), Duration.ofMillis(50)))
                .protocol(protocol)
                .disconnectTimeout(SHORT)
                .build()) {
            List<Beating> beatings = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                OutgoingRequest request = new OutgoingRequest(REQUEST.request(), URI.create("mem://r" + i));
                beatings.add(heart.start(request, SHORT, 1));
            }
            beatings.forEach(b -> outcomes.add(b.completion()));
            beatings.forEach(Beating::stop);
            for (CompletableFuture<Void> outcome : outcomes) {
                ExecutionException failure =
                        assertThrows(ExecutionException.class, () -> outcome.get(20, TimeUnit.SECONDS));
                assertInstanceOf(CancellationException.class, failure.getCause());
            }
            assertEquals(0, heart.runningBeatings());
            started = startedSince(before);
            assertTrue(
                    started.stream().anyMatch(t -> t.getName().startsWith("heart-timer-")),
                    "the heart started its timer: " + started);
        }
        awaitEnded(before, started);
    }

    @Test
    void closingTheHeart_stopsItsBeatingsAndThreads() throws Exception {
        Set<Thread> before = heartThreads();
        InstantProtocol protocol = new InstantProtocol();
        Heart heart = Heart.builder(next -> next.send(REQUEST, Attempts.of(SHORT, 0), Duration.ofMillis(10)))
                .protocol(protocol)
                .build();
        Beating beating = heart.start(REQUEST, SHORT, 0);
        CompletableFuture<Void> outcome = beating.completion();
        while (beating.stats().beats() < 2 && !outcome.isDone()) { // a delay went by: the timer runs
            Thread.sleep(5);
        }
        Set<Thread> started = startedSince(before);
        assertTrue(
                started.stream().anyMatch(t -> t.getName().startsWith("heart-timer-")),
                "the heart started its timer: " + started);
        heart.close();
        assertEquals(Beating.State.ENDED, beating.state(), "close waits for every beating to end");
        assertTrue(outcome.isDone(), "and every completion() handed out is complete when close returns");
        awaitEnded(before, started);
    }

    /** Answers from a thread of its own after 5 ms, as a network transport's I/O thread does. */
    static final class ThreadedProtocol implements RequestProtocol {
        final java.util.concurrent.ScheduledExecutorService io =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-io"));

        @Override
        public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
            CompletableFuture<Response> answer = new CompletableFuture<>();
            io.schedule(
                    () -> answer.complete(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofMillis(300))),
                    5,
                    TimeUnit.MILLISECONDS);
            return answer;
        }
    }

    @Test
    void aBeaterThatNeverBlocks_runsWithoutAWorkerThread_onTheDefaultExecutor() throws Exception {
        ThreadedProtocol protocol = new ThreadedProtocol();
        List<String> beaterThreads = new CopyOnWriteArrayList<>();
        dev.heart.api.HeartBeater ready =
                dev.heart.engine.beater.LeaseFollowingBeater.builder().build();
        dev.heart.api.HeartBeater watched = new dev.heart.api.HeartBeater() {
            @Override
            public void beat(dev.heart.api.BeatAnswer answer) {
                beaterThreads.add(Thread.currentThread().getName());
                ready.beat(answer);
            }

            @Override
            public boolean neverBlocks() {
                return ready.neverBlocks();
            }
        };
        try (Heart heart = Heart.builder().protocol(protocol).build()) {
            for (int i = 0; i < 200; i++) {
                heart.register(dev.heart.api.RegistrantInfo.of("r" + i, "svc"), URI.create("mem://r1"), watched);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (beaterThreads.size() < 1_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(beaterThreads.size() >= 1_000, "beats: " + beaterThreads.size());
            assertTrue(Set.copyOf(beaterThreads).contains("test-io"), "called on the thread that answered");
            assertTrue(
                    beaterThreads.stream().noneMatch(name -> name.startsWith("heart-worker")),
                    "never on a worker: " + Set.copyOf(beaterThreads));
            assertEquals(
                    Set.of(),
                    heartThreads().stream()
                            .map(Thread::getName)
                            .filter(name -> name.startsWith("heart-worker"))
                            .collect(Collectors.toSet()),
                    "no worker thread");
        } finally {
            protocol.io.shutdownNow();
        }
    }
}
