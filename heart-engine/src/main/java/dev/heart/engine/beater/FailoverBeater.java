package dev.heart.engine.beater;

import dev.heart.api.BeatFailedException;
import dev.heart.engine.internal.Checks;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.engine.TimeSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Wraps a beater and moves the registrant to another registry when the current one fails a beat or
 * rejects it for capacity or with no reason: to a registry reachable from the current one (the
 * candidates its responses named ({@link dev.heart.api.RegistryInfo#candidates()}), theirs, and
 * those configured with {@link Builder#registries}), skipping the ones that failed this registrant
 * most recently, after a capped exponential backoff with full jitter (by default within
 * 100 ms, doubling up to 2 s; reset by the first accepted response). A registry not tried yet in
 * this trouble is tried after a first step only (within 100 ms); the growing backoff applies when
 * it comes back to one that failed it; a candidate that never answered is tried once per trouble.
 * Accepted responses go to the wrapped beater, whose requests are sent to the current registry.
 *
 * <p>It never gives up by default (spec §9): only {@link Builder#giveUpAfter(Duration)} ends the
 * beating on its own after failures. A {@linkplain Response#notRegistered() "not registered"}
 * rejection registers again at once at the same registry; a
 * {@link RejectReason#FORBIDDEN} rejection follows {@link Builder#onReject(OnReject)}
 * ({@link OnReject#REREGISTER} moves on as after a failure), logged once per registrant.
 *
 * <p>Thread-safe: one instance may drive any number of beatings on one heart. The registry a
 * registrant beats is the one its beating last sent to ({@link NextBeat#lastRequest()}); what it
 * remembers per registrant in trouble (failures in a row, the registries that failed it) is kept
 * per registrant id until the next accepted response; what it learns about registries (their
 * candidates, at most 32 registries) is shared.
 */
public final class FailoverBeater implements HeartBeater {
    /** Hears every switch of registry. */
    @FunctionalInterface
    public interface SwitchListener {
        /**
         * The registrant moves from one registry to another. Called on the beating's beater thread.
         *
         * @param from  the registry left; never null
         * @param to    the registry chosen; never null (may equal {@code from} when it is the only one)
         * @param cause why: a {@link BeatFailedException}, or an
         *              {@link IllegalStateException} describing the rejection; never null
         * @param wait  the backoff before the first beat to {@code to}; never null
         */
        void switched(URI from, URI to, Throwable cause, Duration wait);
    }

    private final HeartBeater inner;
    private final Duration timeout;
    private final int retryN;
    private final OnReject onReject;
    private final SwitchListener listener;
    private final Recovery recovery;
    private final KnownRegistries registries;
    /** Where the last decision of any beating sent to, for {@link #currentTarget()}. */
    private volatile URI lastTarget;

    private FailoverBeater(Builder builder) {
        this.inner = builder.inner;
        this.timeout = builder.timeout;
        this.retryN = builder.retryN;
        this.onReject = builder.onReject;
        this.listener = builder.listener;
        this.recovery = new Recovery(builder.recovery.validated("FailoverBeater"),
                timeout.multipliedBy(retryN + 1L).plus(Duration.ofMinutes(1)));
        this.registries = new KnownRegistries(builder.registries);
        this.lastTarget = builder.registries.isEmpty() ? null : builder.registries.get(0);
    }

    /**
     * A builder for a failover around {@code inner} that starts from each beating's own target.
     *
     * @param inner decides the beats while a registry accepts; not null
     * @return a new builder with the defaults; never null
     */
    public static Builder builder(HeartBeater inner) {
        return new Builder(Checks.notNull(inner, "inner"));
    }

    /**
     * A builder for a failover around {@code inner} that knows {@code initial}'s registry from the
     * start.
     *
     * @param initial a request whose target is a known registry; not null
     * @param inner   decides the beats while a registry accepts; not null
     * @return a new builder that knows {@code initial}'s target; never null
     */
    public static Builder builder(OutgoingRequest initial, HeartBeater inner) {
        Checks.notNull(initial, "initial");
        return builder(inner).registries(initial.target());
    }

    /**
     * The registry the latest decision of any of its beatings sent to: with one registrant, the
     * registry it beats now. Before any decision, the first configured registry.
     *
     * @return the registry; null before any decision when none was configured
     */
    public URI currentTarget() {
        return lastTarget;
    }

    /**
     * The registries it knows now, configured and learned from responses; never null.
     *
     * @return an unmodifiable snapshot of the registries; never null
     */
    public List<URI> knownRegistries() {
        return registries.all();
    }

    @Override
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        OutgoingRequest current = next.lastRequest();
        registries.learn(current.target(), response.registry().candidates());
        Recovery.Key key = key(current);
        if (response.reject()) {
            rejected(response, current, key, next);
            return;
        }
        recovery.succeeded(key);
        inner.beat(response, lastRoundTrip, lastRetryN, new NextBeat() {
            @Override
            public void send(OutgoingRequest request, Duration beatTimeout, int beatRetryN, Duration delay) {
                lastTarget = current.target();
                next.send(new OutgoingRequest(request.request(), current.target()), beatTimeout, beatRetryN, delay);
            }

            @Override
            public OutgoingRequest lastRequest() {
                return current;
            }
        });
    }

    private void rejected(Response response, OutgoingRequest current, Recovery.Key key, NextBeat next) {
        RejectReason reason = response.rejectReason();
        if (reason == RejectReason.NOT_REGISTERED || reason == RejectReason.DISCONNECTED) {
            Duration wait = recovery.notRegistered(key);
            if (wait == null) {
                giveUp(key, current, "rejected as " + reason);
            } else {
                lastTarget = current.target();
                next.send(StayRegistered.fresh(current), timeout, retryN, wait);
            }
            return;
        }
        if (reason == RejectReason.FORBIDDEN) {
            boolean first = recovery.firstForbidden(key);
            if (onReject == OnReject.STOP) {
                recovery.ended(key);
                StayRegistered.LOG.warn("{} refused for good by {} ({}): stopping, as FailoverBeater is set to {}",
                        key.registrant(), current.target(), response.registry().id(), OnReject.STOP);
                return;
            }
            if (first) {
                StayRegistered.LOG.warn("{} refused for good by {} ({}): moving on, as FailoverBeater is set to {}"
                        + " (logged once)", key.registrant(), current.target(), response.registry().id(),
                        OnReject.REREGISTER);
            }
        }
        switchAway(key, current, new IllegalStateException("registry " + current.target() + " rejected "
                + key.registrant() + " (" + reason + ")"), next);
    }

    /** Every attempt of a beat failed: moves on to the next registry after the backoff. */
    @Override
    public void beatFailed(BeatFailedException failure, NextBeat next) {
        OutgoingRequest current = failure.request();
        switchAway(key(current), current, failure, next);
    }

    private void switchAway(Recovery.Key key, OutgoingRequest current, Throwable cause, NextBeat next) {
        Duration wait = recovery.failed(key);
        if (wait == null) {
            giveUp(key, current, cause.getMessage());
            return;
        }
        URI from = current.target();
        List<URI> recentlyFailed = recovery.recentlyFailed(key);
        recentlyFailed.remove(from);
        recentlyFailed.add(from);
        URI to = registries.choose(from, recentlyFailed);
        if (!recentlyFailed.contains(to)) {
            wait = recovery.firstStep(); // a registry not tried in this trouble: no need to wait long
        }
        listener.switched(from, to, cause, wait);
        lastTarget = to;
        next.send(new OutgoingRequest(current.request().asBeat(), to), timeout, retryN, wait);
    }

    private void giveUp(Recovery.Key key, OutgoingRequest current, String why) {
        StayRegistered.LOG.warn("{} at {}: giving up after {} of failures, as set by giveUpAfter; last: {}",
                key.registrant(), current.target(), recovery.settings().giveUpAfter(), why);
    }

    private static Recovery.Key key(OutgoingRequest request) {
        return new Recovery.Key(request.request().registrant().id(), null);
    }

    /** How many registrants it remembers now, all in trouble (for tests of its cleanup). */
    int remembered() {
        return recovery.remembered();
    }

    @Override
    public String toString() {
        return "FailoverBeater[" + knownRegistries() + " around " + inner + ", " + recovery.settings().describe() + "]";
    }

    /** Configures a {@link FailoverBeater}. Not thread-safe. */
    public static final class Builder {
        private final HeartBeater inner;
        private final List<URI> registries = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(1);
        private int retryN = 1;
        private OnReject onReject = OnReject.STOP;
        private SwitchListener listener = (from, to, cause, wait) -> { };
        private RecoverySettings recovery = RecoverySettings.defaults();

        private Builder(HeartBeater inner) {
            this.inner = inner;
        }

        /**
         * Registries known from the start, tried in this order after those that never failed.
         *
         * @param uris registry addresses; not null, no null element
         * @return this builder
         */
        public Builder registries(URI... uris) {
            for (URI uri : Checks.notNull(uris, "registries")) {
                registries.add(Checks.notNull(uri, "registry"));
            }
            return this;
        }

        /**
         * The backoff before the first beat to a new registry: the n-th failure in a row waits
         * uniformly within {@code [0, min(cap, initial * 2^(n-1)))}; defaults 100 ms and 2 s.
         *
         * @param initial the ceiling of the first wait; positive
         * @param cap     the largest ceiling; positive, not less than {@code initial}
         * @return this builder
         * @throws IllegalArgumentException when either is not positive or {@code cap} is less than {@code initial}
         */
        public Builder backoff(Duration initial, Duration cap) {
            this.recovery = recovery.withBackoff(initial, cap);
            return this;
        }

        /**
         * The attempts of the first beat to a new registry: each bound and the retransmissions; defaults 1 s, 1.
         *
         * @param timeout the bound of each attempt; not null, positive
         * @param retryN  retransmissions after the first attempt; zero or more
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is not positive or {@code retryN} is negative
         */
        public Builder attempts(Duration timeout, int retryN) {
            this.timeout = Checks.positive(timeout, "timeout");
            this.retryN = Checks.notNegative(retryN, "retryN");
            return this;
        }

        /**
         * What to do when a registry refuses the registrant for good
         * ({@link RejectReason#FORBIDDEN}); default {@link OnReject#STOP}; {@link OnReject#REREGISTER}
         * moves on to another registry.
         *
         * @param onReject the reaction to a final refusal; not null
         * @return this builder
         */
        public Builder onReject(OnReject onReject) {
            this.onReject = Checks.notNull(onReject, "onReject");
            return this;
        }

        /**
         * Ends the beating when a beat fails and failures have gone on for {@code limit} (measured on
         * {@link #timeSource(TimeSource)}); default: never give up.
         *
         * @param limit positive
         * @return this builder
         * @throws IllegalArgumentException when {@code limit} is zero or negative
         */
        public Builder giveUpAfter(Duration limit) {
            this.recovery = recovery.withGiveUpAfter(limit);
            return this;
        }

        /**
         * The clock {@link #giveUpAfter} is measured with: the heart's; default the system's.
         *
         * @param time the monotonic clock; not null; only its {@code nanoTime()} is used
         * @return this builder
         */
        public Builder timeSource(TimeSource time) {
            this.recovery = recovery.withClock(Checks.notNull(time, "time")::nanoTime);
            return this;
        }

        /**
         * Hears every switch.
         *
         * @param listener called on the beating's thread of the moment at every switch, so it must be quick; not null
         * @return this builder
         */
        public Builder listener(SwitchListener listener) {
            this.listener = Checks.notNull(listener, "listener");
            return this;
        }

        /**
         * The random source of the backoff's jitter; thread-safe if shared; default the thread's.
         *
         * @param random the jitter source; not null
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.recovery = recovery.withRandom(random);
            return this;
        }

        /**
         * A new beater, which may drive any number of beatings.
         *
         * @return a new beater; never null
         * @throws IllegalArgumentException when the settings do not fit together, naming them
         */
        public FailoverBeater build() {
            return new FailoverBeater(this);
        }
    }
}
