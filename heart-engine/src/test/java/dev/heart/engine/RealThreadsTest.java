package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    static Set<String> heartThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("heart-")).collect(Collectors.toSet());
    }

    static void awaitNoHeartThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!heartThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(Set.of(), heartThreads(), "threads left behind");
    }

    @Test
    void runBeating_returnsWhenTheBeaterStops() throws Exception {
        InstantProtocol protocol = new InstantProtocol();
        int[] calls = {0};
        try (Heart heart = Heart.builder((r, t, n, next) -> {
            if (++calls[0] < 100) {
                next.send(REQUEST, SHORT, 0);
            }
        }).protocol(protocol).build()) {
            heart.runBeating(REQUEST, SHORT, 0);
        }
        assertEquals(100, calls[0]);
        assertEquals(100, protocol.sent.size());
    }

    @Test
    void runBeating_throwsTheBeatFailureWithEveryCause() throws Exception {
        RequestProtocol failing = (request, deadline) ->
                CompletableFuture.failedFuture(new TransportException(request.target(), "refused"));
        try (Heart heart = Heart.builder((r, t, n, next) -> { }).protocol(failing).build()) {
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
        try (Heart heart = Heart.builder((r, t, n, next) -> next.send(REQUEST, SHORT, 0, Duration.ofHours(1)))
                .protocol(protocol)
                .listener(new HeartListener() {
                    @Override
                    public void established(Beating beating, Response response) {
                        established.countDown();
                    }
                }).build()) {
            Thread caller = new Thread(() -> {
                try {
                    heart.runBeating(REQUEST, SHORT, 0);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "test-caller");
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
        InstantProtocol protocol = new InstantProtocol();
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        try (Heart heart = Heart.builder((r, t, n, next) -> next.send(REQUEST, SHORT, 1, Duration.ofMillis(50)))
                .protocol(protocol).disconnectTimeout(SHORT).build()) {
            List<Beating> beatings = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                OutgoingRequest request = new OutgoingRequest(
                        REQUEST.request(), URI.create("mem://r" + i));
                beatings.add(heart.start(request, SHORT, 1));
            }
            beatings.forEach(b -> outcomes.add(b.completion()));
            beatings.forEach(Beating::stop);
            for (CompletableFuture<Void> outcome : outcomes) {
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> outcome.get(20, TimeUnit.SECONDS));
                assertInstanceOf(CancellationException.class, failure.getCause());
            }
            assertEquals(0, heart.runningBeatings());
        }
        awaitNoHeartThreads();
    }

    @Test
    void closingTheHeart_stopsItsBeatingsAndThreads() throws Exception {
        InstantProtocol protocol = new InstantProtocol();
        Heart heart = Heart.builder((r, t, n, next) -> next.send(REQUEST, SHORT, 0, Duration.ofMillis(10)))
                .protocol(protocol).build();
        Beating beating = heart.start(REQUEST, SHORT, 0);
        CompletableFuture<Void> outcome = beating.completion();
        heart.close();
        assertEquals(Beating.State.ENDED, beating.state(), "close waits for every beating to end");
        assertTrue(outcome.isDone(), "and every completion() handed out is complete when close returns");
        awaitNoHeartThreads();
    }
}
