package dev.heart.transport.eureka.internal;

import dev.heart.api.Response;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One call of {@code send}: the future handed to the engine and the HTTP exchanges it started.
 * However {@link #result} completes (answered, failed, cancelled by the engine, failed by close),
 * every exchange still in flight is cancelled, which aborts it in the HTTP client. Thread-safe.
 */
final class Attempt {
    final CompletableFuture<Response> result = new CompletableFuture<>();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

    Attempt() {
        result.whenComplete((response, failure) -> inFlight.forEach(exchange -> exchange.cancel(true)));
    }

    /** Tracks {@code exchange} until it completes; cancels it at once when the attempt is over. */
    <T> CompletableFuture<T> track(CompletableFuture<T> exchange) {
        inFlight.add(exchange);
        exchange.whenComplete((value, failure) -> inFlight.remove(exchange));
        if (result.isDone()) {
            exchange.cancel(true);
        }
        return exchange;
    }

    /** Whether the attempt is over, so no further exchange should start. */
    boolean isOver() {
        return result.isDone();
    }

    /** Exchanges in flight now, for tests. */
    int inFlight() {
        return inFlight.size();
    }
}
