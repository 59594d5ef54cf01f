package dev.heart.api.spi;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one request and yields one response, asynchronously.
 *
 * <p>The engine, not the transport, owns timeouts and retries: it calls {@link #send} once per
 * attempt, and cancels the returned future when the attempt's deadline passes or the beating is
 * stopped. Cancelling the future must release everything the transport holds for that request; a
 * late answer to a cancelled request is dropped.
 *
 * <p>Implementations are thread-safe and must not block in {@link #send}: thousands of hearts
 * share one protocol. Failures complete the future exceptionally, preferably with a
 * {@link dev.heart.api.TransportException}; {@code send} itself throws only for bad arguments.
 */
public interface RequestProtocol extends AutoCloseable {

    /**
     * Starts sending {@code request}.
     *
     * @param request  what to send and where
     * @param deadline how long the engine waits for this attempt; positive. A transport may carry
     *                 it to the registry, and may fail earlier, never later
     * @return a future completed with the response, or exceptionally with the cause of failure
     */
    CompletableFuture<Response> send(OutgoingRequest request, Duration deadline);

    /**
     * Checks, before anything is sent, that this protocol can ever send to {@code target}: the
     * engine calls it when a beating starts and whenever a beater moves to another target, so that
     * a setup mistake (a scheme no transport serves, a target a transport can never reach as
     * configured) fails at once instead of after retries. It must not block or do I/O. The
     * default accepts every target.
     *
     * @param target the registry's address
     * @throws dev.heart.api.NoTransportException when no request to {@code target} can ever be sent,
     *         with a message saying what to fix
     */
    default void check(URI target) {}

    /**
     * Releases the transport's connections and threads; pending requests fail. Idempotent. The
     * default does nothing.
     */
    @Override
    default void close() {}
}
