package dev.heart.testkit.mem;

import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A registry reachable by name over the {@code mem} transport. Thread-safe. */
public interface MemEndpoint {

    /** {@code mem://name}. */
    URI uri();

    /**
     * Starts one exchange. Must not block; failures complete the future exceptionally.
     *
     * @param request what arrived
     * @param workers where to run a handler that may block, when the endpoint has no clock of
     *                its own
     * @return the answer. Cancelling it drops the answer and releases the exchange
     */
    CompletableFuture<Response> exchange(Request request, Executor workers);
}
