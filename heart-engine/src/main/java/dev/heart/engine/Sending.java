package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** How the engine calls a transport and reads what it returns, whatever the transport does wrong. */
final class Sending {
    private Sending() {}

    /** The transport's future; a failed one when {@code send} threw or returned null. Never null. */
    static CompletableFuture<Response> send(RequestProtocol protocol, OutgoingRequest outgoing, Duration bound) {
        try {
            CompletableFuture<Response> future = protocol.send(outgoing, bound);
            return future != null
                    ? future
                    : CompletableFuture.failedFuture(new NullPointerException(protocol + " returned no future"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The response of a completed future; null when it failed, was cancelled, or held null. */
    static Response responseOf(CompletableFuture<Response> done) {
        return done.isCompletedExceptionally() ? null : done.getNow(null);
    }

    /** The error of a completed future, or null when it completed normally. */
    static Throwable errorOf(CompletableFuture<Response> done) {
        try {
            done.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return e;
        }
    }

    /** Why an attempt failed, or null when {@code response} answers it. */
    static Throwable failureOf(RequestProtocol protocol, Response response, Throwable error) {
        if (error != null) {
            return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        }
        return response == null ? new NullPointerException(protocol + " completed a request with no response") : null;
    }
}
