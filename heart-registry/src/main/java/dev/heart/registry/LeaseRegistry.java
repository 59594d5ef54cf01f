package dev.heart.registry;

import dev.heart.api.LeaseToken;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry that follows the registry model (docs/semantics.md, the registry side), as a
 * {@link RegistryHandler} any registry server can serve.
 *
 * <p>For each request, after dropping the registrants whose deadline passed:
 * <ul>
 *   <li>a service type other than the registry's is rejected with {@link RejectReason#FORBIDDEN}
 *       (unless the registry's service type is {@link #ANY_SERVICE});</li>
 *   <li>with ownership ({@link Builder#ownership(boolean)}), a request for a registered id that does not carry that
 *       registration's {@link LeaseToken} is rejected with {@link RejectReason#FORBIDDEN} ("not
 *       yours"), and the registration is left as it was: not renewed, not removed;</li>
 *   <li>{@code disconnect = true} forgets the registrant and is rejected with
 *       {@link RejectReason#DISCONNECTED};</li>
 *   <li>a known registrant is accepted with a new deadline, its lease;</li>
 *   <li>a new one (an id not registered, or whose lease ended: it registers again) is accepted
 *       while fewer than the capacity are alive and its bytes fit the byte budget, else rejected
 *       with {@link RejectReason#CAPACITY} ("come back later"); with ownership it gets a new
 *       128-bit token from a {@link SecureRandom}, carried by every acceptance of it.</li>
 * </ul>
 * A renewal that would take the registry's bytes over the budget (more or longer attributes) is
 * rejected with {@link RejectReason#CAPACITY} and leaves the registration as it was.
 * A registrant is alive until its deadline, inclusive. Every response carries {@link #info()},
 * candidates included; an acceptance's {@code timeout} is the lease given. Registrants are told
 * apart by service type and id. The lease is fixed unless the builder set a growth, in which case
 * a registrant's n-th consecutive renewal gets {@code min(lease + n * step, max)}.
 *
 * <p>Memory is bounded by the capacity and by the byte budget (ids, service types and attributes,
 * counted at two bytes a character plus a fixed overhead per entry and attribute; default 64 MiB):
 * one entry per live registrant and two counters, no record of requests. Entries are kept in the order of their last beat, so an expiry sweep costs only the
 * registrants it drops (plus, with a growing lease, those whose longer lease keeps them). Time is
 * read from the {@link Ticker}. Thread-safe; the lock is never held while calling out: the
 * {@link RegistryEvents} are told after it is released.
 */
public final class LeaseRegistry implements RegistryHandler {
    /** The service type of a registry that accepts every service type. */
    public static final String ANY_SERVICE = "*";

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRegistry.class);

    private final RegistryInfo info;
    private final boolean anyService;
    private final int capacity;
    private final Duration lease;
    private final Duration growth;
    private final Duration maxLease;
    private final Ticker ticker;
    private final RegistryEvents events;
    private final Response fixedAccept;
    private final Response forbidden;
    private final Response full;
    private final Response disconnected;
    private final boolean ownership;
    private final long maxBytes;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    private final LeaseTable alive;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    private LeaseRegistry(Builder builder) {
        this.info = builder.info;
        this.anyService = ANY_SERVICE.equals(info.serviceType());
        this.capacity = builder.capacity;
        this.lease = builder.lease;
        this.growth = builder.growth;
        this.maxLease = builder.maxLease;
        this.ticker = builder.ticker;
        this.events = builder.events;
        this.alive = new LeaseTable(lease, growth, maxLease);
        this.fixedAccept = Response.accept(info, lease);
        this.forbidden = Response.reject(info, RejectReason.FORBIDDEN);
        this.full = Response.reject(info, RejectReason.CAPACITY);
        this.disconnected = Response.reject(info, RejectReason.DISCONNECTED);
        this.ownership = builder.ownership;
        this.maxBytes = builder.maxBytes;
    }

    /**
     * A builder of a registry that sends {@code info} in every response and accepts registrants of
     * {@code info.serviceType()} ({@link #ANY_SERVICE} for all); by default a capacity of 10,000,
     * a fixed lease of 10 s, the {@linkplain Ticker#system() system ticker} and no events.
     *
     * @param info the registry's own info: id, service type, address, candidates
     * @return a new builder
     * @throws NullPointerException when {@code info} is null
     */
    public static Builder builder(RegistryInfo info) {
        return new Builder(Objects.requireNonNull(info, "info must not be null"));
    }

    @Override
    public Response handle(Request request) {
        Objects.requireNonNull(request, "request must not be null");
        RegistrantInfo registrant = request.registrant();
        if (!anyService && !info.serviceType().equals(registrant.serviceType())) {
            rejected.increment();
            expire();
            return forbidden;
        }
        Object key = LeaseTable.key(anyService, registrant.serviceType(), registrant.id());
        @Nullable List<LeaseTable.Entry> expired;
        Response response;
        int count;
        long sinceLast = -1;
        boolean changed = false; // registered, or disconnected while known
        lock.lock();
        try {
            long now = ticker.nanoTime();
            expired = alive.dropExpired(now);
            LeaseTable.Entry owned = alive.peek(key);
            // with ownership, every entry holds the token it was registered with
            if (owned != null
                    && ownership
                    && !Objects.requireNonNull(owned.token).matches(request.token())) {
                response = forbidden; // not yours: the registration stays as it was
            } else if (request.disconnect()) {
                changed = alive.remove(key);
                response = disconnected;
            } else if (owned != null) {
                if (alive.bytes() + LeaseTable.bytesOf(registrant) - owned.bytes > maxBytes) {
                    response = full;
                } else {
                    LeaseTable.Entry known = Objects.requireNonNull(alive.renewable(key)); // owned, moved to the end
                    sinceLast = now - known.lastBeat;
                    Duration given = alive.renew(known, registrant, now);
                    response = ownership
                            ? Response.accept(info, given, known.token)
                            : alive.growing() ? Response.accept(info, given) : fixedAccept;
                }
            } else if (alive.size() < capacity && alive.bytes() + LeaseTable.bytesOf(registrant) <= maxBytes) {
                LeaseToken token = ownership ? newToken() : null;
                alive.register(key, registrant, token, now);
                changed = true;
                response = ownership ? Response.accept(info, lease, token) : fixedAccept;
            } else {
                response = full;
            }
            count = alive.size();
        } finally {
            lock.unlock();
        }
        (response.reject() ? rejected : accepted).increment();
        tellExpired(expired);
        if (changed && request.disconnect()) {
            tell(() -> events.disconnected(registrant, count));
        } else if (changed) {
            tell(() -> events.registered(registrant, count));
        } else if (sinceLast >= 0) {
            long since = sinceLast;
            tell(() -> events.renewed(registrant, Duration.ofNanos(since)));
        }
        return response;
    }

    /** A new owner's secret: 128 bits from the registry's {@link SecureRandom}. */
    private LeaseToken newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return LeaseToken.of(bytes);
    }

    /**
     * The bytes the live registrants hold, as the byte budget counts them.
     *
     * @return zero or more
     */
    public long bytes() {
        lock.lock();
        try {
            return alive.bytes();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the registrants whose deadline has passed, telling the events; call it now and then. */
    public void expire() {
        @Nullable List<LeaseTable.Entry> expired;
        lock.lock();
        try {
            expired = alive.dropExpired(ticker.nanoTime());
        } finally {
            lock.unlock();
        }
        tellExpired(expired);
    }

    /**
     * Forgets every registrant at once, as a registry that restarts without its data does: no
     * event is told, and their next beats register them anew.
     *
     * @return how many registrants were alive
     */
    public int forgetAll() {
        lock.lock();
        try {
            return alive.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The registry's own info, sent in every response.
     *
     * @return the info
     */
    public RegistryInfo info() {
        return info;
    }

    /**
     * The most registrants alive at once.
     *
     * @return at least 1
     */
    public int capacity() {
        return capacity;
    }

    /**
     * The lease given to a new registrant (and to every renewal unless the lease grows).
     *
     * @return a positive duration
     */
    public Duration lease() {
        return lease;
    }

    /**
     * Registrants alive now, as of the last request or {@link #expire()}.
     *
     * @return zero or more
     */
    public int size() {
        lock.lock();
        try {
            return alive.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The registrants alive now (after dropping those whose deadline passed), in the order of
     * their last beat, each as its last accepted request named it.
     *
     * @return a snapshot
     */
    public List<RegistrantInfo> alive() {
        expire();
        lock.lock();
        try {
            return alive.registrants();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a registrant is alive now (its deadline has not passed).
     *
     * @param serviceType its service type
     * @param id          its id
     * @return true when it is registered and its lease has not ended
     */
    public boolean isAlive(String serviceType, String id) {
        Objects.requireNonNull(serviceType, "serviceType must not be null");
        Objects.requireNonNull(id, "id must not be null");
        expire();
        lock.lock();
        try {
            return alive.contains(LeaseTable.key(anyService, serviceType, id))
                    && (anyService || info.serviceType().equals(serviceType));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Requests accepted since the registry was made.
     *
     * @return zero or more
     */
    public long acceptedCount() {
        return accepted.sum();
    }

    /**
     * Requests rejected since the registry was made (wrong service type, full, disconnects).
     *
     * @return zero or more
     */
    public long rejectedCount() {
        return rejected.sum();
    }

    @Override
    public String toString() {
        return "LeaseRegistry[" + info.id() + " " + info.serviceType() + " at " + info.address() + ", capacity "
                + capacity + ", maxBytes " + maxBytes + (ownership ? ", ownership" : "") + ", lease " + lease
                + (growth.isZero() ? "" : " +" + growth + " per renewal up to " + maxLease) + "]";
    }

    private void tellExpired(@Nullable List<LeaseTable.Entry> expired) {
        if (expired != null) {
            for (LeaseTable.Entry entry : expired) {
                tell(() -> events.expired(entry.registrant, entry.lastBeat, entry.deadline, entry.countAfter));
            }
        }
    }

    private void tell(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("a RegistryEvents listener of {} threw; the registry carries on", info.id(), e);
        }
    }

    /**
     * Builds a {@link LeaseRegistry}; every setting is checked when set. Not thread-safe.
     */
    public static final class Builder {
        private final RegistryInfo info;
        private int capacity = 10_000;
        /** The longest lease: 100 years, as the engine's longest duration; deadlines are nanoseconds. */
        private static final Duration MAX_LEASE = Duration.ofDays(36_500);

        private Duration lease = Duration.ofSeconds(10);
        private Duration growth = Duration.ZERO;
        private Duration maxLease = lease;
        private Ticker ticker = Ticker.system();
        private RegistryEvents events = RegistryEvents.NONE;
        private boolean ownership = true;
        private long maxBytes = 64L << 20;

        private Builder(RegistryInfo info) {
            this.info = info;
        }

        /**
         * The most registrants alive at once; newcomers beyond it are rejected with
         * {@link RejectReason#CAPACITY}. Default 10,000.
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder capacity(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("capacity must be at least 1, was " + value);
            }
            this.capacity = value;
            return this;
        }

        /**
         * The lease: the deadline for a registrant's next beat, given with each acceptance as
         * {@link Response#timeout()}. Default 10 s. Resets a growth set before.
         *
         * @param value positive, at most 100 years (36,500 days: deadlines are kept in
         *              nanoseconds)
         * @return this builder
         * @throws NullPointerException     when null
         * @throws IllegalArgumentException when zero, negative or over 100 years
         */
        public Builder lease(Duration value) {
            Objects.requireNonNull(value, "lease must not be null");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("lease must be positive, was " + value);
            }
            atMostMax("lease", value);
            this.lease = value;
            this.growth = Duration.ZERO;
            this.maxLease = value;
            return this;
        }

        private static void atMostMax(String name, Duration value) {
            if (value.compareTo(MAX_LEASE) > 0) {
                throw new IllegalArgumentException(
                        name + " must be at most 100 years (" + MAX_LEASE + "), was " + value);
            }
        }

        /**
         * A lease that grows with each consecutive renewal: the n-th renewal of a registrant is
         * given {@code min(lease + n * step, max)} (a new registration starts again at the lease).
         * Default: no growth. Call after {@link #lease(Duration)}.
         *
         * @param step how much each renewal adds; not negative (zero: a fixed lease)
         * @param max  the longest lease given; not less than the lease, at most 100
         *             years
         * @return this builder
         * @throws NullPointerException     when an argument is null
         * @throws IllegalArgumentException when {@code step} is negative or {@code max} is less
         *                                  than the lease or over 100 years
         */
        public Builder leaseGrowth(Duration step, Duration max) {
            Objects.requireNonNull(step, "step must not be null");
            Objects.requireNonNull(max, "max must not be null");
            if (step.isNegative()) {
                throw new IllegalArgumentException("step must not be negative, was " + step);
            }
            if (max.compareTo(lease) < 0) {
                throw new IllegalArgumentException("max must not be less than the lease " + lease + ", was " + max);
            }
            atMostMax("max", max);
            this.growth = step;
            this.maxLease = step.isZero() ? lease : max;
            return this;
        }

        /**
         * Whether registrations belong to their owner (default true): a new registration gets a
         * secret {@link LeaseToken} (128 bits from a {@link SecureRandom}) in its acceptance, and
         * a later beat or disconnect of that id must carry it, else it is rejected with
         * {@link RejectReason#FORBIDDEN} and the registration is left as it was. The heart engine
         * carries the token for its beatings. What it costs: about 64 bytes of heap per live
         * registrant (the token and its bytes, outside the byte budget), 16 random bytes per new
         * registration, and a new {@link Response} per acceptance (the token is in it) instead of
         * a shared one. False, for a registry only trusted callers reach (a test, a benchmark): no
         * tokens, anyone may beat for or disconnect any id.
         *
         * @param value true to issue and require tokens
         * @return this builder
         */
        public Builder ownership(boolean value) {
            this.ownership = value;
            return this;
        }

        /**
         * The byte budget: the bytes all live registrants together may hold (ids, service types,
         * attributes; see the class comment for how they are counted). A registration or renewal
         * beyond is rejected with {@link RejectReason#CAPACITY}. Default 64 MiB.
         *
         * @param bytes at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder maxBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBytes must be at least 1, was " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        /**
         * The monotonic clock the registry reads. Default {@link Ticker#system()}.
         *
         * @param value the clock
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder ticker(Ticker value) {
            this.ticker = Objects.requireNonNull(value, "ticker must not be null");
            return this;
        }

        /**
         * Who hears registrations, renewals, expiries and disconnects. Default {@link RegistryEvents#NONE}.
         *
         * @param value the listener
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder events(RegistryEvents value) {
            this.events = Objects.requireNonNull(value, "events must not be null");
            return this;
        }

        /**
         * A new, empty registry with these settings.
         *
         * @return the registry
         */
        public LeaseRegistry build() {
            return new LeaseRegistry(this);
        }
    }
}
