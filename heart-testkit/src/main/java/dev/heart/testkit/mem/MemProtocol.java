package dev.heart.testkit.mem;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code mem} protocol: looks the target's name up and hands the request to its endpoint.
 * Handlers of endpoints without a clock run on up to four daemon threads named
 * {@code heart-mem-N-worker-M}, started on demand and stopped by {@link #close()}.
 */
public final class MemProtocol implements RequestProtocol {
    /** The prefix of every thread this transport starts. */
    public static final String THREAD_PREFIX = "heart-mem-";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ThreadPoolExecutor workers;
    private final Set<CompletableFuture<Response>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A new protocol; threads start on demand. */
    public MemProtocol() {
        String prefix = THREAD_PREFIX + INSTANCES.incrementAndGet() + "-worker-";
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(4, 4, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        workers.allowCoreThreadTimeOut(true);
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        Checks.notNull(request, "request");
        Checks.positive(deadline, "deadline");
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(request.target(), "mem transport is closed"));
        }
        String name = MemEndpoints.nameOf(request.target());
        Optional<MemEndpoint> endpoint = MemEndpoints.lookup(name);
        if (endpoint.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException(
                    request.target(),
                    "no mem registry named '" + name + "'; bind one with MemNetwork.bind; bound: "
                            + MemEndpoints.names()));
        }
        CompletableFuture<Response> future;
        try {
            future = endpoint.get().exchange(request.request(), workers);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new TransportException(request.target(), "mem exchange failed", e));
        }
        pending.add(future);
        future.whenComplete((response, error) -> pending.remove(future));
        if (closed) {
            failPending();
        }
        return future;
    }

    /** How many requests of this protocol are not answered, failed or cancelled yet. */
    public int pendingRequests() {
        return pending.size();
    }

    @Override
    public void close() {
        closed = true;
        failPending();
        workers.shutdownNow();
    }

    private void failPending() {
        for (CompletableFuture<Response> future : pending) {
            future.completeExceptionally(new TransportException(null, "mem transport closed"));
        }
    }

    @Override
    public String toString() {
        return "MemProtocol[pending=" + pending.size() + (closed ? ", closed]" : "]");
    }
}
