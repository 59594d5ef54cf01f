package dev.heart.engine.beater;

import dev.heart.api.BeatFailedException;
import dev.heart.api.Checks;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Wraps a beater and moves the registrant to another registry when the current one rejects it
 * or a beat fails: to a candidate from the responses seen so far (each response's
 * {@link dev.heart.api.RegistryInfo#candidates()}), skipping the registries that failed most
 * recently, after a backoff that doubles with each consecutive switch and resets on the first
 * accepted response. Accepted responses go to the wrapped beater, whose requests are sent to the
 * current registry.
 *
 * <p>Follows one registrant: not to be shared between beatings. Its methods are called by one
 * beating at a time, so it needs no locking.
 */
public final class FailoverBeater implements HeartBeater {
    private static final int MAX_KNOWN = 32;

    /** Hears every switch of registry. */
    @FunctionalInterface
    public interface SwitchListener {
        /**
         * The registrant moves from one registry to another.
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
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration timeout;
    private final int retryN;
    private final SwitchListener listener;
    private final Jitter jitter;
    private final Set<URI> known = new LinkedHashSet<>();
    private final List<URI> recentlyFailed = new ArrayList<>();
    private OutgoingRequest current;
    private int consecutiveSwitches;

    private FailoverBeater(Builder builder) {
        this.inner = builder.inner;
        this.current = builder.initial;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.timeout = builder.timeout;
        this.retryN = builder.retryN;
        this.listener = builder.listener;
        this.jitter = new Jitter(builder.random);
        known.add(current.target());
    }

    /**
     * A builder for a failover around {@code inner}.
     *
     * @param initial the request the beating starts with; not null
     * @param inner   decides the beats while a registry accepts; not null
     */
    public static Builder builder(OutgoingRequest initial, HeartBeater inner) {
        return new Builder(Checks.notNull(initial, "initial"), Checks.notNull(inner, "inner"));
    }

    /** The registry beaten now; never null. */
    public URI currentTarget() {
        return current.target();
    }

    @Override
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        for (URI candidate : response.registry().candidates()) {
            if (known.size() < MAX_KNOWN) {
                known.add(candidate);
            }
        }
        if (response.reject()) {
            switchAway(new IllegalStateException("registry " + current.target() + " rejected "
                    + current.request().registrant().id()), next);
            return;
        }
        consecutiveSwitches = 0;
        recentlyFailed.remove(current.target());
        inner.beat(response, lastRoundTrip, lastRetryN, new NextBeat() {
            @Override
            public void send(OutgoingRequest request, Duration beatTimeout, int beatRetryN, Duration delay) {
                current = new OutgoingRequest(request.request(), current.target());
                next.send(current, beatTimeout, beatRetryN, delay);
            }

            @Override
            public OutgoingRequest lastRequest() {
                return current;
            }
        });
    }

    @Override
    public void beatFailed(BeatFailedException failure, NextBeat next) {
        switchAway(failure, next);
    }

    private void switchAway(Throwable cause, NextBeat next) {
        URI from = current.target();
        recentlyFailed.remove(from);
        recentlyFailed.add(from);
        URI to = choose(from);
        Duration wait = backoff(++consecutiveSwitches);
        current = new OutgoingRequest(current.request().asBeat(), to);
        listener.switched(from, to, cause, wait);
        next.send(current, timeout, retryN, wait);
    }

    /** The known registry that failed least recently (one that never failed first). */
    private URI choose(URI from) {
        for (URI candidate : known) {
            if (!recentlyFailed.contains(candidate)) {
                return candidate;
            }
        }
        return recentlyFailed.isEmpty() ? from : recentlyFailed.get(0);
    }

    private Duration backoff(int switches) {
        int shift = Math.min(switches - 1, 30);
        Duration base = initialBackoff.multipliedBy(1L << shift);
        if (base.compareTo(maxBackoff) > 0 || base.isNegative()) {
            base = maxBackoff;
        }
        return jitter.spread(base, 0.2);
    }

    @Override
    public String toString() {
        return "FailoverBeater[" + current.target() + " of " + known + " around " + inner + "]";
    }

    /** Configures a {@link FailoverBeater}. Not thread-safe. */
    public static final class Builder {
        private final OutgoingRequest initial;
        private final HeartBeater inner;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(1);
        private int retryN = 1;
        private SwitchListener listener = (from, to, cause, wait) -> { };
        private RandomGenerator random;

        private Builder(OutgoingRequest initial, HeartBeater inner) {
            this.initial = initial;
            this.inner = inner;
        }

        /**
         * The backoff before the first beat to a new registry, doubling per consecutive switch up
         * to {@code max}, spread by +/- 20%; defaults 200 ms and 10 s.
         */
        public Builder backoff(Duration initial, Duration max) {
            Checks.positive(initial, "initialBackoff");
            Checks.positive(max, "maxBackoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be less than initialBackoff");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The attempts of the first beat to a new registry: each bound and the retransmissions; defaults 1 s, 1. */
        public Builder attempts(Duration timeout, int retryN) {
            this.timeout = Checks.positive(timeout, "timeout");
            this.retryN = Checks.notNegative(retryN, "retryN");
            return this;
        }

        /** Hears every switch. */
        public Builder listener(SwitchListener listener) {
            this.listener = Checks.notNull(listener, "listener");
            return this;
        }

        /** The random source of the backoff's jitter; default the thread's. */
        public Builder random(RandomGenerator random) {
            this.random = Checks.notNull(random, "random");
            return this;
        }

        /** A new beater; give each beating its own. */
        public FailoverBeater build() {
            return new FailoverBeater(this);
        }
    }
}
