package dev.heart.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a transport whose registry is a real server it does not control (etcd, for
 * instance), as a JUnit 5 test class: where {@link TransportConformance} serves an arbitrary
 * handler and expects its every field back, this suite starts the transport's own server and
 * holds it to the registry model of docs/semantics.md §7.
 *
 * <p>It proves: a beat registers (accepted, positive timeout, the registry info carries the
 * target's address, the server holds the registrant); a second beat renews; a disconnect is
 * answered with a {@link RejectReason#DISCONNECTED} rejection and the server forgets the
 * registrant; a later beat without a lease token is either accepted as a new registration or
 * rejected {@link RejectReason#NOT_REGISTERED}, after which the next beat registers; 200
 * concurrent first beats each get their own answer and the server holds all 200; a cancelled
 * request is released; an unreachable target and a server that stops yield errors, not hangs;
 * closing the protocol stops its threads. Every wait is bounded; nothing asserts a speed.
 *
 * <p>Each test starts its own server by {@link #startServer()} and stops it afterwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ServerTransportConformance {
    /** How long any single wait of the suite lasts at most. */
    protected static final Duration WAIT = Duration.ofSeconds(10);
    /** How many requests the concurrency test sends at once. */
    protected static final int CONCURRENT = 200;

    private RequestProtocol protocol;
    private RegistryServer server;

    /** A real registry server started by the subclass. */
    public interface RegistryServer extends AutoCloseable {
        /**
         * Where the protocol under test reaches the server.
         *
         * @return the server's address in the transport's scheme
         */
        URI target();

        /**
         * Whether the server holds {@code registrant} now, asked independently of the protocol
         * under test (for instance with the server's own client).
         *
         * @param registrant who to look for
         * @return true when the server holds a live registration of {@code registrant}
         * @throws Exception when the server cannot be asked (the test fails with it)
         */
        boolean holds(RegistrantInfo registrant) throws Exception;

        /** Stops the server abruptly (for instance kills its process); requests must then fail. */
        void stop();

        /** Stops the server and releases everything it used. Idempotent. */
        @Override
        void close();
    }

    /** For subclasses. */
    protected ServerTransportConformance() {}

    /**
     * Starts a fresh server and waits until it answers.
     *
     * @return the running server; the suite closes it
     * @throws Exception when it cannot start
     */
    protected abstract RegistryServer startServer() throws Exception;

    /**
     * A new instance of the protocol under test.
     *
     * @return the protocol; the suite closes it
     */
    protected abstract RequestProtocol createProtocol();

    /**
     * A target of this transport's scheme where nothing answers, for instance a closed port.
     *
     * @return the target
     */
    protected abstract URI unreachableTarget();

    /**
     * The prefix of the name of every thread the protocol starts.
     *
     * @return for instance {@code "heart-etcd-"}
     */
    protected abstract String threadNamePrefix();

    /**
     * The registrant of the given id that the suite beats for; override to add the attributes the
     * transport needs. The default has service type {@code svc} and no attributes.
     *
     * @param id the registrant's id
     * @return the registrant
     */
    protected RegistrantInfo registrant(String id) {
        return RegistrantInfo.of(id, "svc");
    }

    /**
     * How many requests the protocol still holds, when it can tell: after a cancellation it must
     * drop to zero. Empty (the default) skips that check.
     *
     * @param protocol the protocol under test, made by {@link #createProtocol()}
     * @return the number of requests it holds, or empty when it cannot tell
     */
    protected OptionalInt pendingRequests(RequestProtocol protocol) {
        return OptionalInt.empty();
    }

    @BeforeEach
    final void open() throws Exception {
        server = startServer();
        protocol = createProtocol();
    }

    @AfterEach
    final void closeAll() {
        try {
            if (protocol != null) {
                protocol.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private CompletableFuture<Response> send(Request request) {
        return protocol.send(new OutgoingRequest(request, server.target()), WAIT);
    }

    private Response beat(RegistrantInfo who) throws Exception {
        return send(Request.beat(who)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void assertAccepted(Response response, String what) {
        assertFalse(response.reject(), what + " must be accepted, was " + response);
        assertTrue(
                response.timeout().compareTo(Duration.ZERO) > 0,
                what + ": the timeout must be positive, was " + response);
        assertEquals(server.target(), response.registry().address(), what + ": the registry's address");
    }

    @Test
    void aBeatRegistersAndASecondBeatRenews() throws Exception {
        RegistrantInfo who = registrant("renewed");
        assertAccepted(beat(who), "the first beat");
        assertTrue(server.holds(who), "the server does not hold the registrant after the first beat");
        assertAccepted(beat(who), "the second beat");
        assertTrue(server.holds(who), "the server does not hold the registrant after the second beat");
    }

    @Test
    void aDisconnectIsAnsweredAndForgetsTheRegistrant() throws Exception {
        RegistrantInfo who = registrant("leaving");
        assertAccepted(beat(who), "the first beat");
        Response bye = send(new Request(who, true)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(bye.reject(), "a disconnect must be answered with a rejection, was " + bye);
        assertEquals(RejectReason.DISCONNECTED, bye.rejectReason(), "the reason of the disconnect's answer");
        assertFalse(server.holds(who), "the server still holds the registrant after the disconnect");

        Response again = beat(who);
        if (again.reject()) {
            assertEquals(
                    RejectReason.NOT_REGISTERED,
                    again.rejectReason(),
                    "a beat after the disconnect is accepted anew or rejected NOT_REGISTERED, was " + again);
            again = beat(who);
        }
        assertAccepted(again, "the registration after the disconnect");
        assertTrue(server.holds(who), "the server does not hold the registrant registered again");
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        List<RegistrantInfo> all = new ArrayList<>();
        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            RegistrantInfo who = registrant("r" + i);
            all.add(who);
            answers.add(send(Request.beat(who)));
        }
        for (int i = 0; i < CONCURRENT; i++) {
            assertAccepted(answers.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "request " + i);
        }
        for (RegistrantInfo who : all) {
            assertTrue(server.holds(who), "the server does not hold " + who.id());
        }
    }

    @Test
    void aCancelledRequestIsReleased() throws Exception {
        RegistrantInfo who = registrant("cancelled");
        CompletableFuture<Response> cancelled = send(Request.beat(who));
        if (cancelled.cancel(false)) { // false: a fast transport answered before the cancel; nothing to release
            assertThrows(CancellationException.class, cancelled::join, "a cancelled request must stay cancelled");
        }
        assertAccepted(beat(registrant("after")), "a request after the cancelled one");
        OptionalInt pending = pendingRequests(protocol);
        if (pending.isPresent()) {
            assertEquals(
                    0,
                    Samples.eventually(() -> pendingRequests(protocol).orElse(0), WAIT),
                    "requests still held after the cancellation");
        }
        assertAccepted(beat(who), "a beat of the cancelled registrant");
    }

    @Test
    void anUnreachableTargetFailsWithoutHanging() throws Exception {
        URI nowhere = unreachableTarget();
        assertFails(
                protocol.send(new OutgoingRequest(Request.beat(registrant("lost")), nowhere), WAIT),
                "a request to " + nowhere);
    }

    @Test
    void aServerThatStopsFailsTheRequests() throws Exception {
        RegistrantInfo who = registrant("doomed");
        assertAccepted(beat(who), "the first beat");
        CompletableFuture<Response> during = send(Request.beat(who));
        server.stop();
        assertFinishes(during, "a beat sent as the server stopped");
        assertFails(send(Request.beat(who)), "a beat after the server stopped");
        assertFails(send(Request.beat(registrant("newcomer"))), "a first beat after the server stopped");
    }

    @Test
    void closingTheProtocolStopsItsThreads() throws Exception {
        assertAccepted(beat(registrant("first")), "the first beat");
        protocol.close();
        List<String> left = Samples.eventuallyEmpty(() -> Samples.liveThreads(threadNamePrefix()), WAIT);
        assertEquals(List.of(), left, "threads named " + threadNamePrefix() + "* still alive after close");
        assertFails(send(Request.beat(registrant("late"))), "a request after close");
    }

    /** Fails unless {@code answer} fails within twice {@link #WAIT} (the request's own timeout is {@code WAIT}). */
    private static void assertFails(CompletableFuture<Response> answer, String what) throws InterruptedException {
        try {
            Response response = answer.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            throw new AssertionError(what + " must fail, but was answered: " + response);
        } catch (ExecutionException expected) {
            // the contract: an error
        } catch (TimeoutException e) {
            throw new AssertionError(
                    what + " neither failed nor was answered within " + WAIT.multipliedBy(2) + ": it hangs", e);
        }
    }

    /** Fails unless {@code answer} is answered or fails within twice {@link #WAIT}. */
    private static void assertFinishes(CompletableFuture<Response> answer, String what) throws InterruptedException {
        try {
            answer.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException answeredWithAnError) {
            // fine: the server went away under it
        } catch (TimeoutException e) {
            throw new AssertionError(
                    what + " neither failed nor was answered within " + WAIT.multipliedBy(2) + ": it hangs", e);
        }
    }
}
