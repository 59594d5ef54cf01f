package dev.heart.transport.tcp.internal;

import dev.heart.api.Request;
import dev.heart.api.TransportException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The requests pending on one connection, by correlation id: admission under the limit, and the
 * single place a request leaves, however it completes. Thread-safe and lock-free.
 */
final class PendingTable {
    private final URI target;
    private final int limit;
    private final ConcurrentHashMap<Long, Pending> byId = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    PendingTable(URI target, int limit) {
        this.target = target;
        this.limit = limit;
    }

    /**
     * Admits a new request, or returns null when {@code limit} requests are pending already.
     */
    @Nullable
    Pending admit(ClientConnection connection, Request request, long deadlineNanos) {
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            return null;
        }
        Pending p = new Pending(connection, this, ids.incrementAndGet(), request, deadlineNanos);
        byId.put(p.id, p);
        return p;
    }

    /** The failure of a request refused by {@link #admit}. */
    TransportException full() {
        return new TransportException(
                target, "too many requests pending on one connection: limit " + limit + " (maxPendingPerConnection)");
    }

    /** The pending request with {@code id}, or null when it completed (a late answer). */
    @Nullable
    Pending get(long id) {
        return byId.get(id);
    }

    /** Removes {@code p}; idempotent. */
    void release(Pending p) {
        if (byId.remove(p.id, p)) {
            count.decrementAndGet();
        }
    }

    /** Fails every pending request with the same {@code failure}. */
    void failAll(TransportException failure) {
        for (Pending p : byId.values()) {
            p.completeExceptionally(failure);
        }
    }

    int size() {
        return count.get();
    }
}
