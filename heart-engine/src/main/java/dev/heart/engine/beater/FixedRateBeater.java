package dev.heart.engine.beater;

import dev.heart.api.Checks;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Beats every interval, spread by jitter so that hearts started together do not beat together:
 * start each beating after {@link #initialPhase()}, and every later wait is the interval
 * {@code +/- jitter}. Use it when the registry does not say when it expects the next beat; when
 * it does, prefer {@link LeaseFollowingBeater}.
 *
 * <p>Immutable and thread-safe (when its random source is): one instance may drive many
 * beatings of the same request.
 */
public final class FixedRateBeater implements HeartBeater {
    private final OutgoingRequest request;
    private final Duration interval;
    private final double jitter;
    private final Duration timeout;
    private final int retryN;
    private final OnReject onReject;
    private final Jitter random;

    private FixedRateBeater(Builder builder) {
        this.request = builder.request;
        this.interval = builder.interval;
        this.jitter = builder.jitter;
        this.timeout = builder.timeout != null ? builder.timeout : min(interval, Duration.ofSeconds(2));
        this.retryN = builder.retryN;
        this.onReject = builder.onReject;
        this.random = new Jitter(builder.random);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A builder for a beater that resends each beating's own request every {@code interval}
     * ({@link NextBeat#lastRequest()}): one instance drives any number of registrants.
     *
     * @param interval the mean wait between beats; positive
     */
    public static Builder builder(Duration interval) {
        return new Builder(null, Checks.positive(interval, "interval"));
    }

    /**
     * A builder for a beater that sends {@code request} every {@code interval}.
     *
     * @param request  what to send; not null
     * @param interval the mean wait between beats; positive
     */
    public static Builder builder(OutgoingRequest request, Duration interval) {
        return new Builder(Checks.notNull(request, "request"), Checks.positive(interval, "interval"));
    }

    /** The request it sends, or empty when it resends each beating's own. */
    public java.util.Optional<OutgoingRequest> request() {
        return java.util.Optional.ofNullable(request);
    }

    /** The timeout of each attempt; never null. */
    public Duration timeout() {
        return timeout;
    }

    /** The retransmissions allowed per beat. */
    public int retryN() {
        return retryN;
    }

    @Override
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        if (response.reject() && onReject == OnReject.STOP) {
            return;
        }
        next.send(request != null ? request : next.lastRequest(), timeout, retryN, random.spread(interval, jitter));
    }

    /**
     * A random phase within the interval, for the first beat, so that hearts started together do
     * not beat together: pass it to {@link dev.heart.engine.Heart#start(OutgoingRequest, Duration,
     * int, Duration)}.
     *
     * @return from zero to below the interval; never null
     */
    public Duration initialPhase() {
        return random.phase(interval);
    }

    @Override
    public String toString() {
        return "FixedRateBeater[every " + interval + " +/-" + jitter + ", timeout " + timeout + ", retryN " + retryN
                + ", on reject " + onReject + "]";
    }

    /** Configures a {@link FixedRateBeater}. Not thread-safe. */
    public static final class Builder {
        private final OutgoingRequest request;
        private final Duration interval;
        private double jitter = 0.1;
        private Duration timeout;
        private int retryN = 2;
        private OnReject onReject = OnReject.STOP;
        private RandomGenerator random;

        private Builder(OutgoingRequest request, Duration interval) {
            this.request = request;
            this.interval = interval;
        }

        /** Each wait is the interval spread by {@code +/- fraction}; from 0 to below 1; default 0.1. */
        public Builder jitter(double fraction) {
            this.jitter = Jitter.fraction(fraction, "jitter");
            return this;
        }

        /** The bound of each attempt; positive; default the interval, at most 2 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /** Retransmissions per beat; zero or more; default 2. */
        public Builder retryN(int retryN) {
            this.retryN = Checks.notNegative(retryN, "retryN");
            return this;
        }

        /** What to do on a rejection; default {@link OnReject#STOP}. */
        public Builder onReject(OnReject onReject) {
            this.onReject = Checks.notNull(onReject, "onReject");
            return this;
        }

        /**
         * The random source of the jitter, for reproducible runs; it must be thread-safe if the
         * beater is shared. Default: the calling thread's {@code ThreadLocalRandom}.
         */
        public Builder random(RandomGenerator random) {
            this.random = Checks.notNull(random, "random");
            return this;
        }

        /** A new beater. */
        public FixedRateBeater build() {
            return new FixedRateBeater(this);
        }
    }
}
