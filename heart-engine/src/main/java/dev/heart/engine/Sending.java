package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/** How the engine calls a transport and reads what it returns, whatever the transport does wrong. */
final class Sending {
    private Sending() {}

    /** The transport's future; a failed one when {@code send} threw or returned null. */
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
    static @Nullable Response responseOf(CompletableFuture<Response> done) {
        return done.isCompletedExceptionally() ? null : done.getNow(null);
    }

    /** The error of a completed future, or null when it completed normally. */
    static @Nullable Throwable errorOf(CompletableFuture<Response> done) {
        try {
            done.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return e;
        }
    }

    /** Why an attempt that got no response failed: its {@code error}, unwrapped, else a transport's null answer. */
    static Throwable failureOf(RequestProtocol protocol, @Nullable Throwable error) {
        if (error == null) {
            return new NullPointerException(protocol + " completed a request with no response");
        }
        Throwable cause = error.getCause();
        return error instanceof CompletionException && cause != null ? cause : error;
    }
}
