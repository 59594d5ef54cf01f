package dev.heart.transport.tcp.internal;

import dev.heart.api.Request;
import dev.heart.api.TransportException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The requests pending on one connection, by correlation id: admission under the limit, and the
 * single place a request leaves, however it completes. Thread-safe and lock-free.
 *
 * <p>Ids are consecutive, so a request normally sits in a ring of slots indexed by its id (no
 * boxing, no hashing, no node per request); a request whose slot is still held by an older one
 * (alive while the ids went once around the ring) goes to an overflow map instead.
 */
final class PendingTable {
    /** Slots at most: 16,384 references per connection. */
    private static final int MAX_SLOTS = 1 << 14;

    private final URI target;
    private final int limit;
    private final AtomicReferenceArray<@Nullable Pending> slots;
    private final int mask;
    private final ConcurrentHashMap<Long, Pending> overflow = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    PendingTable(URI target, int limit) {
        this.target = target;
        this.limit = limit;
        int slotCount = Integer.highestOneBit(Math.max(1, Math.min(limit, MAX_SLOTS) - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(slotCount);
        this.mask = slotCount - 1;
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
        if (!slots.compareAndSet(slot(p.id), null, p)) {
            overflow.put(p.id, p);
        }
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
        Pending p = slots.get(slot(id));
        if (p != null && p.id == id) {
            return p;
        }
        return overflow.isEmpty() ? null : overflow.get(id);
    }

    /** Removes {@code p}; idempotent. */
    void release(Pending p) {
        if (slots.compareAndSet(slot(p.id), p, null) || overflow.remove(p.id, p)) {
            count.decrementAndGet();
        }
    }

    /** Fails every pending request with the same {@code failure}. */
    void failAll(TransportException failure) {
        for (int i = 0; i < slots.length(); i++) {
            Pending p = slots.get(i);
            if (p != null) {
                p.completeExceptionally(failure);
            }
        }
        for (Pending p : overflow.values()) {
            p.completeExceptionally(failure);
        }
    }

    int size() {
        return count.get();
    }

    private int slot(long id) {
        return (int) id & mask;
    }
}
