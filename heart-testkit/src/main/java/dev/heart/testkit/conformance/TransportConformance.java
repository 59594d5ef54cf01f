package dev.heart.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistryHandler;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a transport that can carry any registry handler's answer, as a JUnit 5 test
 * class (a transport whose registry is a real server it does not control extends
 * {@link ServerTransportConformance} instead): a transport module's test
 * extends it and answers five questions (how to serve a {@link RegistryHandler} and where,
 * which protocol to test, an unreachable target, its attribute limit, its thread-name prefix).
 *
 * <p>It proves: every field of {@link Request} and {@link Response} survives the round trip
 * (unicode, empty and limit-sized attributes, many candidates; durations in whole milliseconds);
 * 1000 concurrent requests to one target each get their own answer; a cancelled request is
 * released and its late answer dropped; an unreachable target and a registry that closes
 * mid-request each yield an error, not a hang; closing the protocol stops its threads. Every
 * wait is bounded; no test depends on timing beyond those bounds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TransportConformance {
    /** How long any single wait of the suite lasts at most. */
    protected static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private RequestProtocol protocol;

    /** A registry endpoint started by the subclass. */
    public interface RegistryEndpoint extends AutoCloseable {
        /**
         * Where the protocol under test reaches the handler
         *
         * @return the endpoint's target URI
         */
        URI uri();

        /** Stops serving; requests in progress must fail on the client side. Idempotent. */
        @Override
        void close();
    }

    /** For subclasses. */
    protected TransportConformance() {}

    /**
     * Starts serving {@code handler}. The handler may block (the suite blocks it on purpose) and
     * is called concurrently.
     *
     * @param handler the registry side
     * @return the running endpoint; the suite closes it
     * @throws Exception when it cannot start
     */
    protected abstract RegistryEndpoint startRegistry(RegistryHandler handler) throws Exception;

    /**
     * A new instance of the protocol under test; the suite closes it.
     *
     * @return a new, open protocol
     */
    protected abstract RequestProtocol createProtocol();

    /**
     * A target of this transport's scheme where nothing answers, for instance a closed port.
     *
     * @return the target
     */
    protected abstract URI unreachableTarget();

    /**
     * The documented limit of the attributes of one request or response: the largest total of the
     * UTF-8 lengths of keys and values that the transport carries. Positive.
     *
     * @return the limit, in bytes; positive
     */
    protected abstract int attributeLimitBytes();

    /**
     * The prefix of the name of every thread the protocol starts, for instance {@code "heart-tcp-"}.
     *
     * @return the prefix; not empty
     */
    protected abstract String threadNamePrefix();

    /**
     * How many requests the protocol still holds, when it can tell: after a cancellation it must
     * drop to zero. Empty (the default) skips that check.
     *
     * @param protocol the protocol under test
     * @return the number of requests held, or empty when unknown
     */
    protected OptionalInt pendingRequests(RequestProtocol protocol) {
        return OptionalInt.empty();
    }

    /**
     * The protocol under test, created before each test.
     *
     * @return the protocol of the running test; null outside a test
     */
    protected final RequestProtocol protocol() {
        return protocol;
    }

    @BeforeEach
    final void openProtocol() {
        protocol = createProtocol();
    }

    @AfterEach
    final void closeAll() throws Exception {
        protocol.close();
        for (AutoCloseable resource : cleanup) {
            resource.close();
        }
    }

    /**
     * Starts an endpoint closed after the test.
     *
     * @param handler the registry side
     * @return the running endpoint; the suite closes it
     * @throws Exception when {@link #startRegistry} throws
     */
    protected final RegistryEndpoint serve(RegistryHandler handler) throws Exception {
        RegistryEndpoint endpoint = startRegistry(handler);
        cleanup.add(endpoint);
        return endpoint;
    }

    /**
     * Waits at most {@link #WAIT} for {@code future}.
     *
     * @param <T> the future's value type
     * @param future what to wait for
     * @return the future's value
     * @throws Exception when it fails (an {@link java.util.concurrent.ExecutionException}), is interrupted, or takes longer than {@link #WAIT} (a {@link java.util.concurrent.TimeoutException})
     */
    protected static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        for (Request request : Samples.requests(attributeLimitBytes())) {
            for (Response response : Samples.responses(attributeLimitBytes())) {
                List<Request> seen = new CopyOnWriteArrayList<>();
                RegistryEndpoint endpoint = serve(r -> {
                    seen.add(r);
                    return response;
                });
                Response received = await(protocol.send(new OutgoingRequest(request, endpoint.uri()), WAIT));
                assertEquals(response, received, "response after the round trip");
                assertEquals(List.of(request), seen, "request as the registry saw it");
                endpoint.close();
            }
        }
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        RegistryEndpoint endpoint = serve(Samples::echo);
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            answers.add(protocol.send(new OutgoingRequest(Samples.request("r" + i), endpoint.uri()), WAIT));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertEquals("r" + i, await(answers.get(i)).registry().attributes().get("for"), "answer to request " + i);
        }
    }

    @Test
    void aCancelledRequestIsReleasedAndItsLateAnswerDropped() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RegistryEndpoint endpoint = serve(request -> {
            if (request.registrant().id().equals("slow")) {
                entered.countDown();
                awaitQuietly(release);
            }
            return Samples.echo(request);
        });
        try {
            CompletableFuture<Response> slow =
                    protocol.send(new OutgoingRequest(Samples.request("slow"), endpoint.uri()), WAIT);
            assertTrue(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the registry never got the request");
            slow.cancel(false);
            release.countDown();
            assertEquals(
                    "fast",
                    await(protocol.send(new OutgoingRequest(Samples.request("fast"), endpoint.uri()), WAIT))
                            .registry()
                            .attributes()
                            .get("for"),
                    "a request after the cancelled one");
            assertThrows(CancellationException.class, slow::join, "the late answer must be dropped");
            OptionalInt pending = pendingRequests(protocol);
            if (pending.isPresent()) {
                assertEquals(
                        0,
                        Samples.eventually(() -> pendingRequests(protocol).orElse(0), WAIT),
                        "requests still held after the cancellation");
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void anUnreachableTargetFailsWithoutHanging() throws Exception {
        CompletableFuture<Response> answer =
                protocol.send(new OutgoingRequest(Samples.request("lost"), unreachableTarget()), WAIT);
        assertFailsWithin(answer, "a request to " + unreachableTarget());
    }

    @Test
    void aRegistryThatClosesMidRequestFailsTheRequest() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RegistryEndpoint endpoint = serve(request -> {
            entered.countDown();
            awaitQuietly(release);
            return Samples.echo(request);
        });
        try {
            CompletableFuture<Response> answer =
                    protocol.send(new OutgoingRequest(Samples.request("doomed"), endpoint.uri()), WAIT);
            assertTrue(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the registry never got the request");
            endpoint.close();
            assertFailsWithin(answer, "a request whose registry closed");
        } finally {
            release.countDown();
        }
    }

    @Test
    void closingTheProtocolStopsItsThreads() throws Exception {
        RegistryEndpoint endpoint = serve(Samples::echo);
        await(protocol.send(new OutgoingRequest(Samples.request("first"), endpoint.uri()), WAIT));
        protocol.close();
        List<String> left = Samples.eventuallyEmpty(() -> Samples.liveThreads(threadNamePrefix()), WAIT);
        assertEquals(List.of(), left, "threads named " + threadNamePrefix() + "* still alive after close");
        assertFailsWithin(
                protocol.send(new OutgoingRequest(Samples.request("late"), endpoint.uri()), WAIT),
                "a request after close");
    }

    private static void assertFailsWithin(CompletableFuture<Response> answer, String what) throws InterruptedException {
        try {
            Response response = answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(what + " must fail, but was answered: " + response);
        } catch (ExecutionException expected) {
            // the contract: an error
        } catch (TimeoutException e) {
            throw new AssertionError(what + " neither failed nor was answered within " + WAIT + ": it hangs", e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
