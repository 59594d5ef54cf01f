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
 * Follows the registry's deadline: after each accepted response it sends the next beat at a
 * fraction of {@link Response#timeout()} (default one third, as etcd clients renew leases) and
 * bounds its attempts so that all of them, retries included, end before the deadline minus a
 * margin ({@link AttemptPlan}). The right default for registries that grant leases.
 *
 * <p>A response without a deadline ({@code timeout} zero) is followed at the fallback interval.
 * With the heart's retry backoff on, add its largest wait to the margin.
 *
 * <p>It keeps its registrant registered until the application stops it (spec §9): a failed beat
 * never ends the beating by default ({@link #beatFailed}): it waits a capped exponential backoff
 * with full jitter (the n-th failure in a row waits uniformly within
 * {@code [0, min(cap, initial * 2^(n-1)))}, by default 100 ms doubling up to 2 s) and sends one
 * attempt again, for ever unless {@link Builder#giveUpAfter(Duration)} is set. A rejection
 * {@linkplain Response#notRegistered() "not registered"} registers again at once; a rejection for
 * capacity or with no reason is retried after the backoff; a {@link dev.heart.api.RejectReason#FORBIDDEN}
 * rejection follows {@link Builder#onReject(OnReject)}, logged once per registrant.
 *
 * <p>Thread-safe: one instance may drive any number of beatings on one heart. What it remembers
 * per registrant (its failures in a row) is kept per registrant id and registry, only while that
 * registrant is in trouble.
 */
public final class LeaseFollowingBeater implements HeartBeater {
    private final OutgoingRequest request;
    private final double fraction;
    private final Duration margin;
    private final Duration attemptTimeout;
    private final int maxRetryN;
    private final Duration fallbackInterval;
    private final OnReject onReject;
    private final StayRegistered recovery;

    private LeaseFollowingBeater(Builder builder) {
        this.request = builder.request;
        this.fraction = builder.fraction;
        this.margin = builder.margin;
        this.attemptTimeout = builder.attemptTimeout;
        this.maxRetryN = builder.maxRetryN;
        this.fallbackInterval = builder.fallbackInterval;
        this.onReject = builder.onReject;
        RecoverySettings settings = builder.recovery.validated("LeaseFollowingBeater");
        this.recovery = new StayRegistered("LeaseFollowingBeater", new Recovery(settings,
                attemptTimeout.multipliedBy(maxRetryN + 1L).plus(fallbackInterval)), onReject);
    }

    /**
     * A builder for a beater that keeps each beating's own request registered
     * ({@link NextBeat#lastRequest()}): one instance drives any number of registrants.
     *
     * @return a new builder with the defaults; never null
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder for a beater that keeps {@code request} registered.
     *
     * @param request what to send; not null
     * @return a new builder with the defaults; never null
     */
    public static Builder builder(OutgoingRequest request) {
        return new Builder(Checks.notNull(request, "request"));
    }

    /**
     * The plan for the beat after a response granting {@code lease}.
     *
     * @param lease the registry's deadline; positive
     * @return the plan; never null
     */
    public AttemptPlan plan(Duration lease) {
        return AttemptPlan.within(Checks.positive(lease, "lease"), fraction, margin, attemptTimeout, maxRetryN);
    }

    @Override
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        OutgoingRequest request = this.request != null ? this.request : next.lastRequest();
        if (response.reject()) {
            recovery.rejected(response, request, attemptTimeout, maxRetryN, next);
            return;
        }
        recovery.accepted(request);
        if (response.timeout().isZero()) {
            next.send(request, attemptTimeout, maxRetryN, fallbackInterval);
            return;
        }
        AttemptPlan plan = plan(response.timeout());
        next.send(request, plan.timeout(), plan.retryN(), plan.delay());
    }

    /**
     * Every attempt of a beat failed: sends one attempt again after the backoff, or ends the beating
     * with {@code failure} once {@link Builder#giveUpAfter(Duration)} has passed since the failures
     * began.
     */
    @Override
    public void beatFailed(BeatFailedException failure, NextBeat next) {
        recovery.failed(failure, this.request != null ? this.request : failure.request(), attemptTimeout, next);
    }

    /** How many registrants it remembers now, all in trouble (for tests of its cleanup). */
    int remembered() {
        return recovery.recovery().remembered();
    }

    @Override
    public String toString() {
        return "LeaseFollowingBeater[at " + fraction + " of the lease, margin " + margin + ", attempts of "
                + attemptTimeout + " x up to " + (maxRetryN + 1) + ", on reject " + onReject + ", "
                + recovery.recovery().settings().describe() + "]";
    }

    /** Configures a {@link LeaseFollowingBeater}. Not thread-safe. */
    public static final class Builder {
        private final OutgoingRequest request;
        private double fraction = 1.0 / 3;
        private Duration margin = Duration.ofMillis(100);
        private Duration attemptTimeout = Duration.ofSeconds(1);
        private int maxRetryN = 3;
        private Duration fallbackInterval = Duration.ofSeconds(10);
        private OnReject onReject = OnReject.STOP;
        private RecoverySettings recovery = RecoverySettings.defaults();

        private Builder(OutgoingRequest request) {
            this.request = request;
        }

        /**
         * Where in the lease to send the next beat; above 0 and below 1; default 1/3.
         *
         * @param fraction the share of the lease waited before the next beat; above 0, below 1
         * @return this builder
         * @throws IllegalArgumentException when {@code fraction} is out of range
         */
        public Builder fraction(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("fraction must be within (0, 1), was " + fraction);
            }
            this.fraction = fraction;
            return this;
        }

        /**
         * Time kept free before the deadline; not negative; default 100 ms.
         *
         * @param margin the time kept free before the deadline; not null, zero or more
         * @return this builder
         * @throws IllegalArgumentException when {@code margin} is negative
         */
        public Builder margin(Duration margin) {
            this.margin = Checks.notNegative(margin, "margin");
            return this;
        }

        /**
         * The preferred bound of each attempt; positive; default 1 s.
         *
         * @param timeout the preferred bound of each attempt; not null, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = Checks.positive(timeout, "attemptTimeout");
            return this;
        }

        /**
         * The most retransmissions per beat, fewer when the lease is short; default 3.
         *
         * @param maxRetryN the most retransmissions per beat; zero or more
         * @return this builder
         * @throws IllegalArgumentException when {@code maxRetryN} is negative
         */
        public Builder maxRetryN(int maxRetryN) {
            this.maxRetryN = Checks.notNegative(maxRetryN, "maxRetryN");
            return this;
        }

        /**
         * The wait when the registry gives no deadline; default 10 s.
         *
         * @param interval the wait between beats without a deadline; not null, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code interval} is zero or negative
         */
        public Builder fallbackInterval(Duration interval) {
            this.fallbackInterval = Checks.positive(interval, "fallbackInterval");
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
         * @param initial the ceiling of the first wait; positive, keep it well under the lease
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
         * The backoff's random source, for reproducible runs; thread-safe if shared. Default the thread's.
         *
         * @param random the backoff's jitter source; not null
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.recovery = recovery.withRandom(random);
            return this;
        }

        /**
         * A new beater.
         *
         * @return a new beater; never null
         * @throws IllegalArgumentException when the settings do not fit together, naming them
         */
        public LeaseFollowingBeater build() {
            return new LeaseFollowingBeater(this);
        }
    }
}
