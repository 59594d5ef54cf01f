package dev.heart.engine.beater;

import dev.heart.api.Checks;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;

/**
 * Follows the registry's deadline: after each accepted response it sends the next beat at a
 * fraction of {@link Response#timeout()} (default one third, as etcd clients renew leases) and
 * bounds its attempts so that all of them, retries included, end before the deadline minus a
 * margin ({@link AttemptPlan}). The right default for registries that grant leases.
 *
 * <p>A response without a deadline ({@code timeout} zero) is followed at the fallback interval.
 * With the heart's retry backoff on, add its largest wait to the margin.
 *
 * <p>Immutable and thread-safe: one instance may drive many beatings of the same request.
 */
public final class LeaseFollowingBeater implements HeartBeater {
    private final OutgoingRequest request;
    private final double fraction;
    private final Duration margin;
    private final Duration attemptTimeout;
    private final int maxRetryN;
    private final Duration fallbackInterval;
    private final OnReject onReject;

    private LeaseFollowingBeater(Builder builder) {
        this.request = builder.request;
        this.fraction = builder.fraction;
        this.margin = builder.margin;
        this.attemptTimeout = builder.attemptTimeout;
        this.maxRetryN = builder.maxRetryN;
        this.fallbackInterval = builder.fallbackInterval;
        this.onReject = builder.onReject;
    }

    /**
     * A builder for a beater that keeps each beating's own request registered
     * ({@link NextBeat#lastRequest()}): one instance drives any number of registrants.
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder for a beater that keeps {@code request} registered.
     *
     * @param request what to send; not null
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
            if (onReject == OnReject.REREGISTER) {
                next.send(request, attemptTimeout, maxRetryN, fallbackInterval);
            }
            return;
        }
        if (response.timeout().isZero()) {
            next.send(request, attemptTimeout, maxRetryN, fallbackInterval);
            return;
        }
        AttemptPlan plan = plan(response.timeout());
        next.send(request, plan.timeout(), plan.retryN(), plan.delay());
    }

    @Override
    public String toString() {
        return "LeaseFollowingBeater[at " + fraction + " of the lease, margin " + margin + ", attempts of "
                + attemptTimeout + " x up to " + (maxRetryN + 1) + ", on reject " + onReject + "]";
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

        private Builder(OutgoingRequest request) {
            this.request = request;
        }

        /** Where in the lease to send the next beat; above 0 and below 1; default 1/3. */
        public Builder fraction(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("fraction must be within (0, 1), was " + fraction);
            }
            this.fraction = fraction;
            return this;
        }

        /** Time kept free before the deadline; not negative; default 100 ms. */
        public Builder margin(Duration margin) {
            this.margin = Checks.notNegative(margin, "margin");
            return this;
        }

        /** The preferred bound of each attempt; positive; default 1 s. */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = Checks.positive(timeout, "attemptTimeout");
            return this;
        }

        /** The most retransmissions per beat, fewer when the lease is short; default 3. */
        public Builder maxRetryN(int maxRetryN) {
            this.maxRetryN = Checks.notNegative(maxRetryN, "maxRetryN");
            return this;
        }

        /** The wait when the registry gives no deadline, and before re-registering; default 10 s. */
        public Builder fallbackInterval(Duration interval) {
            this.fallbackInterval = Checks.positive(interval, "fallbackInterval");
            return this;
        }

        /** What to do on a rejection; default {@link OnReject#STOP}. */
        public Builder onReject(OnReject onReject) {
            this.onReject = Checks.notNull(onReject, "onReject");
            return this;
        }

        /** A new beater. */
        public LeaseFollowingBeater build() {
            return new LeaseFollowingBeater(this);
        }
    }
}
