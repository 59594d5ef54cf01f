package dev.heart.bench.mem;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry in memory, after the model of the original: a different service type is rejected; a
 * disconnect is forgotten and rejected; a known registrant is accepted with the deadline for its
 * next beat; a new one is accepted while under capacity, else rejected. A registrant whose deadline
 * passed is dropped when {@link #alive} next looks.
 *
 * <p>Each renewal tells the {@link Observer} how long it was since that registrant's previous beat,
 * which is how E2 measures lateness. Thread-safe; one registrant's beats are expected one at a
 * time, as a beating sends them.
 */
public final class MemRegistry implements RegistryHandler {

    /** Hears renewals; called on the sending thread, so it must be quick and thread-safe. */
    @FunctionalInterface
    public interface Observer {
        /**
         * A known registrant beat again.
         *
         * @param sinceLastNanos nanoseconds since its previous beat reached this registry
         */
        void renewed(long sinceLastNanos);

        /** A new registrant beat for the first time. The default does nothing. */
        default void registered() {
        }
    }

    private static final class Registration {
        volatile long lastBeatNanos;

        Registration(long now) {
            lastBeatNanos = now;
        }
    }

    private final RegistryInfo info;
    private final long deadlineNanos;
    private final int capacity;
    private final Observer observer;
    private final Response accept;
    private final Response reject;
    private final ConcurrentHashMap<String, Registration> registrants;

    /**
     * @param info     this registry's info, sent in every response; not null
     * @param deadline the deadline for a registrant's next beat; positive
     * @param capacity the most registrants accepted at once; positive
     * @param observer hears every renewal; not null
     */
    public MemRegistry(RegistryInfo info, Duration deadline, int capacity, Observer observer) {
        this.info = Objects.requireNonNull(info, "info");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.deadlineNanos = deadline.toNanos();
        this.capacity = capacity;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.accept = Response.accept(info, deadline);
        this.reject = Response.reject(info);
        this.registrants = new ConcurrentHashMap<>(capacity);
    }

    @Override
    public Response handle(Request request) {
        RegistrantInfo registrant = request.registrant();
        if (!registrant.serviceType().equals(info.serviceType())) {
            return reject;
        }
        if (request.disconnect()) {
            registrants.remove(registrant.id());
            return reject;
        }
        long now = System.nanoTime();
        Registration known = registrants.get(registrant.id());
        if (known != null) {
            long since = now - known.lastBeatNanos;
            known.lastBeatNanos = now;
            observer.renewed(since);
            return accept;
        }
        if (registrants.size() >= capacity) {
            return reject;
        }
        registrants.putIfAbsent(registrant.id(), new Registration(now));
        observer.registered();
        return accept;
    }

    /**
     * Drops the registrants whose deadline has passed and counts the others.
     *
     * @return how many registrants beat within their deadline
     */
    public int alive() {
        long now = System.nanoTime();
        registrants.values().removeIf(registration -> now - registration.lastBeatNanos > deadlineNanos);
        return registrants.size();
    }

    @Override
    public String toString() {
        return "MemRegistry[" + info.id() + ", " + registrants.size() + " registrants]";
    }
}
