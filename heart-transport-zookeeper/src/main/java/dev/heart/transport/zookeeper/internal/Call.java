package dev.heart.transport.zookeeper.internal;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One request sent to an {@link Ensemble}: the beat or disconnect, the znode it is about, its
 * answer and its deadline (bounded to a day, so that the arithmetic on nanoseconds cannot
 * overflow).
 */
final class Call {
    final OutgoingRequest request;
    final String path;
    final CompletableFuture<Response> future = new CompletableFuture<>();
    final long deadlineNanos;
    /** The deadline's timer while the call waits for a connection; set under the sessions' lock. */
    @Nullable
    ScheduledFuture<?> timeout;
    /**
     * The registration a beat waits in {@link Proofs} to be answered for; set before the call is
     * queued there and read by the round trip's callback (the queue's lock orders both).
     */
    @Nullable
    Registration proven;

    /** Cancels the deadline's timer, which is set before anyone may cancel it. */
    void cancelTimeout() {
        Objects.requireNonNull(timeout, "timeout").cancel(false);
    }

    Call(OutgoingRequest request, String path, Duration deadline) {
        this.request = request;
        this.path = path;
        this.deadlineNanos = System.nanoTime() + Math.min(deadline.toNanos(), TimeUnit.DAYS.toNanos(1));
    }

    boolean disconnect() {
        return request.request().disconnect();
    }
}
