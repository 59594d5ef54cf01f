package dev.heart.cli.registry;

import dev.heart.api.Checks;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A registry that follows the registry model (heart-semantics section 7), for serving.
 *
 * <p>For each request, after dropping the registrants whose deadline passed: a different service
 * type is rejected (unless the registry accepts {@link #ANY_SERVICE}); {@code disconnect = true}
 * forgets the registrant and is rejected; a known registrant is accepted with a new deadline, the
 * lease; a new one is accepted while fewer than the capacity are alive, else rejected ("come back
 * later"). A registrant is alive until its deadline, inclusive. Every response carries
 * {@link #info()}, candidates included. Registrants are keyed by service type and id.
 *
 * <p>Memory is bounded by the capacity: it keeps one entry per live registrant and counters, no
 * record of requests. Since every lease is equally long, the entries are kept in deadline order,
 * so expiry costs only the registrants it drops. Time is read from a monotonic clock
 * (nanoseconds). Thread-safe; the lock is never held while blocking or calling out.
 */
public final class LeaseRegistry implements RegistryHandler {
    /** The service type of a registry that accepts every service type. */
    public static final String ANY_SERVICE = "*";

    private final RegistryInfo info;
    private final int capacity;
    private final long leaseNanos;
    private final Duration lease;
    private final LongSupplier nanoTime;
    private final RegistryEvents events;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, Entry> alive = new LinkedHashMap<>();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /**
     * A new, empty registry.
     *
     * @param info     the registry's own info, sent in every response; its service type is the one
     *                 accepted, {@link #ANY_SERVICE} for all; not null
     * @param capacity the most registrants alive at once; at least 1
     * @param lease    the deadline given to each accepted registrant; positive
     * @param nanoTime a monotonic clock in nanoseconds, like {@code System::nanoTime}; not null
     * @param events   hears registrations, expiries and disconnects; not null
     */
    public LeaseRegistry(RegistryInfo info, int capacity, Duration lease, LongSupplier nanoTime,
            RegistryEvents events) {
        this.info = Checks.notNull(info, "info");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.lease = Checks.positive(lease, "lease");
        this.leaseNanos = lease.toNanos();
        this.nanoTime = Checks.notNull(nanoTime, "nanoTime");
        this.events = Checks.notNull(events, "events");
    }

    /**
     * A registry info for {@code address} with the given id, service type and candidates.
     *
     * @param id          the registry's id; not blank
     * @param serviceType the service type accepted, or {@link #ANY_SERVICE}; not blank
     * @param address     where the registry is reached; not null
     * @param candidates  other registries, in order of preference; not null
     */
    public static RegistryInfo info(String id, String serviceType, URI address, List<URI> candidates) {
        return new RegistryInfo(id, serviceType, address, candidates, Map.of());
    }

    @Override
    public Response handle(Request request) {
        Checks.notNull(request, "request");
        RegistrantInfo registrant = request.registrant();
        if (!ANY_SERVICE.equals(info.serviceType()) && !info.serviceType().equals(registrant.serviceType())) {
            rejected.increment();
            expire();
            return Response.reject(info);
        }
        Key key = new Key(registrant.serviceType(), registrant.id());
        List<Runnable> happened = new ArrayList<>(1);
        Response response;
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            dropExpired(now, happened);
            Entry known = alive.remove(key);
            if (request.disconnect()) {
                if (known != null) {
                    int count = alive.size();
                    happened.add(() -> events.disconnected(known.registrant(), count));
                }
                response = Response.reject(info);
            } else if (known != null || alive.size() < capacity) {
                alive.put(key, new Entry(registrant, now + leaseNanos));
                if (known == null) {
                    int count = alive.size();
                    happened.add(() -> events.registered(registrant, count));
                }
                response = Response.accept(info, lease);
            } else {
                response = Response.reject(info);
            }
        } finally {
            lock.unlock();
        }
        (response.reject() ? rejected : accepted).increment();
        happened.forEach(Runnable::run);
        return response;
    }

    /** Drops the registrants whose deadline has passed, telling the listener; call it now and then. */
    public void expire() {
        List<Runnable> happened = new ArrayList<>();
        lock.lock();
        try {
            dropExpired(nanoTime.getAsLong(), happened);
        } finally {
            lock.unlock();
        }
        happened.forEach(Runnable::run);
    }

    private void dropExpired(long now, List<Runnable> happened) {
        Iterator<Entry> entries = alive.values().iterator();
        while (entries.hasNext()) {
            Entry entry = entries.next();
            if (entry.deadlineNanos() - now >= 0) {
                return; // in deadline order: every later entry is alive too
            }
            entries.remove();
            int count = alive.size();
            happened.add(() -> events.expired(entry.registrant(), count));
        }
    }

    /** The registry's own info, sent in every response; never null. */
    public RegistryInfo info() {
        return info;
    }

    /** The most registrants alive at once. */
    public int capacity() {
        return capacity;
    }

    /** The deadline given to each accepted registrant; never null. */
    public Duration lease() {
        return lease;
    }

    /** Registrants alive now, as of the last request or {@link #expire()}. */
    public int size() {
        lock.lock();
        try {
            return alive.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a registrant of {@code serviceType} with {@code id} is alive now. */
    public boolean isAlive(String serviceType, String id) {
        lock.lock();
        try {
            Entry entry = alive.get(new Key(serviceType, id));
            return entry != null && entry.deadlineNanos() - nanoTime.getAsLong() >= 0;
        } finally {
            lock.unlock();
        }
    }

    /** Requests accepted since the registry was made. */
    public long acceptedCount() {
        return accepted.sum();
    }

    /** Requests rejected since the registry was made (wrong service type, full, disconnects). */
    public long rejectedCount() {
        return rejected.sum();
    }

    private record Key(String serviceType, String id) {
    }

    private record Entry(RegistrantInfo registrant, long deadlineNanos) {
    }
}
