package dev.heart.engine.beater;

import dev.heart.api.BeatFailedException;
import dev.heart.engine.internal.Checks;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.engine.TimeSource;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Beats every interval, spread by jitter so that hearts started together do not beat together:
 * start each beating after {@link #initialPhase()}, and every later wait is the interval
 * {@code +/- jitter}. Use it when the registry does not say when it expects the next beat; when
 * it does, prefer {@link LeaseFollowingBeater}.
 *
 * <p>It keeps its registrant registered until the application stops it (spec §9): a failed beat
 * never ends the beating by default ({@link #beatFailed}): it waits a capped exponential backoff
 * with full jitter (by default within 100 ms, doubling up to 2 s) and sends one attempt again, for
 * ever unless {@link Builder#giveUpAfter(Duration)} is set. A rejection
 * {@linkplain Response#notRegistered() "not registered"} registers again at once; a rejection for
 * capacity or with no reason is retried after the backoff; a
 * {@link dev.heart.api.RejectReason#FORBIDDEN} rejection follows {@link Builder#onReject(OnReject)},
 * logged once per registrant.
 *
 * <p>Thread-safe (when its random source is): one instance may drive any number of beatings on one
 * heart. What it remembers per registrant (its failures in a row) is kept per registrant id and
 * registry, only while that registrant is in trouble.
 */
public final class FixedRateBeater implements HeartBeater {
    private final OutgoingRequest request;
    private final Duration interval;
    private final double jitter;
    private final Duration timeout;
    private final int retryN;
    private final OnReject onReject;
    private final Jitter random;
    private final StayRegistered recovery;

    private FixedRateBeater(Builder builder) {
        this.request = builder.request;
        this.interval = builder.interval;
        this.jitter = builder.jitter;
        this.timeout = builder.timeout != null ? builder.timeout : min(interval, Duration.ofSeconds(2));
        this.retryN = builder.retryN;
        this.onReject = builder.onReject;
        this.random = new Jitter(builder.random);
        RecoverySettings settings = builder.recovery.validated("FixedRateBeater");
        if (builder.random != null) {
            settings = settings.withRandom(builder.random);
        }
        this.recovery = new StayRegistered("FixedRateBeater", new Recovery(settings,
                timeout.multipliedBy(retryN + 1L).plus(interval.multipliedBy(2))), onReject);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A builder for a beater that resends each beating's own request every {@code interval}
     * ({@link NextBeat#lastRequest()}): one instance drives any number of registrants.
     *
     * @param interval the mean wait between beats; positive
     * @return a new builder with the defaults; never null
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public static Builder builder(Duration interval) {
        return new Builder(null, Checks.positive(interval, "interval"));
    }

    /**
     * A builder for a beater that sends {@code request} every {@code interval}.
     *
     * @param request  what to send; not null
     * @param interval the mean wait between beats; positive
     * @return a new builder with the defaults; never null
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public static Builder builder(OutgoingRequest request, Duration interval) {
        return new Builder(Checks.notNull(request, "request"), Checks.positive(interval, "interval"));
    }

    /**
     * The request it sends, or empty when it resends each beating's own.
     *
     * @return the fixed request, or empty; never null
     */
    public java.util.Optional<OutgoingRequest> request() {
        return java.util.Optional.ofNullable(request);
    }

    /**
     * The timeout of each attempt; never null.
     *
     * @return the bound of each attempt; positive
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The retransmissions allowed per beat.
     *
     * @return retransmissions per beat; zero or more
     */
    public int retryN() {
        return retryN;
    }

    @Override
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        OutgoingRequest request = this.request != null ? this.request : next.lastRequest();
        if (response.reject()) {
            recovery.rejected(response, request, timeout, retryN, next);
            return;
        }
        recovery.accepted(request);
        next.send(request, timeout, retryN, random.spread(interval, jitter));
    }

    /**
     * Every attempt of a beat failed: sends one attempt again after the backoff, or ends the beating
     * with {@code failure} once {@link Builder#giveUpAfter(Duration)} has passed since the failures
     * began.
     */
    @Override
    public void beatFailed(BeatFailedException failure, NextBeat next) {
        recovery.failed(failure, this.request != null ? this.request : failure.request(), timeout, next);
    }

    /** How many registrants it remembers now, all in trouble (for tests of its cleanup). */
    int remembered() {
        return recovery.recovery().remembered();
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
                + ", on reject " + onReject + ", " + recovery.recovery().settings().describe() + "]";
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
        private RecoverySettings recovery = RecoverySettings.defaults();

        private Builder(OutgoingRequest request, Duration interval) {
            this.request = request;
            this.interval = interval;
        }

        /**
         * Each wait is the interval spread by {@code +/- fraction}; from 0 to below 1; default 0.1.
         *
         * @param fraction the spread, as a fraction of the interval; 0 or more, below 1
         * @return this builder
         * @throws IllegalArgumentException when {@code fraction} is out of range
         */
        public Builder jitter(double fraction) {
            this.jitter = Jitter.fraction(fraction, "jitter");
            return this;
        }

        /**
         * The bound of each attempt; positive; default the interval, at most 2 s.
         *
         * @param timeout the bound of each attempt; not null, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /**
         * Retransmissions per beat; zero or more; default 2.
         *
         * @param retryN retransmissions after the first attempt; zero or more
         * @return this builder
         * @throws IllegalArgumentException when {@code retryN} is negative
         */
        public Builder retryN(int retryN) {
            this.retryN = Checks.notNegative(retryN, "retryN");
            return this;
        }

        /**
         * What to do when the registry refuses the registrant for good
         * ({@link dev.heart.api.RejectReason#FORBIDDEN}); default {@link OnReject#STOP}. Other
         * rejections never end the beating.
         *
         * @param onReject the reaction to a final refusal; not null
         * @return this builder
         */
        public Builder onReject(OnReject onReject) {
            this.onReject = Checks.notNull(onReject, "onReject");
            return this;
        }

        /**
         * The backoff after a failed beat: the n-th failure in a row waits uniformly within
         * {@code [0, min(cap, initial * 2^(n-1)))}; defaults 100 ms and 2 s.
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
         * Ends the beating with the failure when a beat fails and failures have gone on for
         * {@code limit} (measured on {@link #timeSource(TimeSource)}); default: never give up.
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
         * The random source of the jitter and the backoff, for reproducible runs; it must be thread-safe if the
         * beater is shared. Default: the calling thread's {@code ThreadLocalRandom}.
         *
         * @param random the jitter and backoff source; not null
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = Checks.notNull(random, "random");
            return this;
        }

        /**
         * A new beater.
         *
         * @return a new beater; never null
         * @throws IllegalArgumentException when the settings do not fit together, naming them
         */
        public FixedRateBeater build() {
            return new FixedRateBeater(this);
        }
    }
}
