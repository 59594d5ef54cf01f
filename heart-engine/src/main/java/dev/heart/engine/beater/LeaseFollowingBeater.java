package dev.heart.engine.beater;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.engine.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Follows the registry's deadline: after each accepted response it sends the next beat at a
 * fraction of {@link Response#timeout()} (default one third, as etcd clients renew leases) and
 * bounds its attempts so that all of them, retries included, end before the deadline minus a
 * margin. The right default for registries that grant leases.
 *
 * <p><b>Spreading.</b> Registrants started together must not beat together for ever: the beat
 * after a beating's first accepted answer waits a random phase, uniform within
 * {@code [0, fraction * lease)}, so that their beats spread over the whole interval at once; every
 * later wait is {@code fraction * lease} shortened by a random share below {@link Builder#jitter}
 * (default 20%), so they stay spread. Waits are only ever shortened: every attempt still ends
 * before the deadline minus the margin.
 *
 * <p>A response without a deadline ({@code timeout} zero) is followed at the fallback interval.
 * With the heart's retry backoff on, add its largest wait to the margin. Attempts: by default at
 * most 4 of 1 s each, fewer when the lease is short ({@link Recovery.Builder#attempts}).
 *
 * <p>It keeps its registrant registered until the application stops it, as every ready-made beater
 * does: see {@link Recovery}, which it takes with {@link Builder#recovery}.
 *
 * <p>Thread-safe: one instance may drive any number of beatings on one heart; what it remembers per
 * registrant lives in each beating's context. It never blocks ({@link #neverBlocks()}).
 */
public final class LeaseFollowingBeater implements HeartBeater {
    static final Attempts DEFAULT_ATTEMPTS = Attempts.of(Duration.ofSeconds(1), 3);

    private final @Nullable OutgoingRequest request;
    private final double fraction;
    private final Duration margin;
    private final Attempts attempts;
    private final Duration fallbackInterval;
    private final double jitter;
    private final StayRegistered stay;

    private LeaseFollowingBeater(Builder builder) {
        this.request = builder.request;
        this.fraction = builder.fraction;
        this.margin = builder.margin;
        this.attempts = builder.recovery.attemptsOr(DEFAULT_ATTEMPTS);
        this.fallbackInterval = builder.fallbackInterval;
        this.jitter = builder.jitter;
        this.stay = new StayRegistered("LeaseFollowingBeater", builder.recovery);
    }

    /**
     * A builder for a beater that keeps each beating's own request registered
     * ({@link NextBeat#lastRequest()}): one instance drives any number of registrants.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder for a beater that keeps {@code request} registered.
     *
     * @param request what to send
     * @return a new builder with the defaults
     */
    public static Builder builder(OutgoingRequest request) {
        return new Builder(Checks.notNull(request, "request"));
    }

    /**
     * The plan for the beat after a response granting {@code lease}, before spreading: the
     * spread only ever shortens its delay.
     *
     * @param lease the registry's deadline; positive
     * @return the plan
     */
    public AttemptPlan plan(Duration lease) {
        Checks.positive(lease, "lease");
        return LeasePlans.within(lease, nominal(lease), margin, attempts);
    }

    private Duration nominal(Duration lease) {
        return Duration.ofNanos((long) (lease.toNanos() * fraction));
    }

    @Override
    public void beat(BeatAnswer answer) {
        OutgoingRequest request = this.request != null ? this.request : answer.lastRequest();
        Response response = answer.response();
        if (response.reject()) {
            stay.rejected(answer, request, attempts);
            return;
        }
        stay.accepted(answer);
        if (response.timeout().isZero()) {
            answer.send(request, attempts, fallbackInterval);
            return;
        }
        Duration lease = response.timeout();
        Jitter random = stay.troubles().jitter();
        Duration delay = answer.established() ? random.shortened(nominal(lease), jitter) : random.phase(nominal(lease));
        answer.send(request, LeasePlans.within(lease, delay, margin, attempts));
    }

    /**
     * Every attempt of a beat failed: sends one attempt again after the backoff, or ends the beating
     * once {@link Recovery.Builder#giveUpAfter} has passed since the failures began.
     */
    @Override
    public void beatFailed(BeatFailure failure) {
        stay.failed(
                failure,
                failure.failure().getMessage(),
                this.request != null ? this.request : failure.failure().request(),
                attempts);
    }

    /** Never blocks: the heart runs it without a worker thread. */
    @Override
    public boolean neverBlocks() {
        return true;
    }

    /** The first beat: at once, with this beater's attempts. */
    @Override
    public AttemptPlan firstPlan(OutgoingRequest first) {
        return AttemptPlan.now(attempts);
    }

    @Override
    public String toString() {
        return "LeaseFollowingBeater[at " + fraction + " of the lease less up to " + jitter + " of that, margin "
                + margin + ", " + attempts + ", " + stay.settings() + "]";
    }

    /** Configures a {@link LeaseFollowingBeater}. Not thread-safe. */
    public static final class Builder {
        private final @Nullable OutgoingRequest request;
        private double fraction = 1.0 / 3;
        private Duration margin = Duration.ofMillis(100);
        private Duration fallbackInterval = Duration.ofSeconds(10);
        private double jitter = 0.2;
        private Recovery recovery = Recovery.defaults();

        private Builder(@Nullable OutgoingRequest request) {
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
         * How much shorter than {@code fraction * lease} a wait may be, chosen at random for each
         * beat so that beats stay spread; from 0 to below 1; default 0.2. The random phase after
         * the first answer is not affected.
         *
         * @param fraction the largest share taken off each wait; 0 or more, below 1
         * @return this builder
         * @throws IllegalArgumentException when {@code fraction} is out of range
         */
        public Builder jitter(double fraction) {
            this.jitter = Jitter.fraction(fraction, "jitter");
            return this;
        }

        /**
         * Time kept free before the deadline; not negative; default 100 ms.
         *
         * @param margin the time kept free before the deadline; zero or more
         * @return this builder
         * @throws IllegalArgumentException when {@code margin} is negative
         */
        public Builder margin(Duration margin) {
            this.margin = Checks.notNegative(margin, "margin");
            return this;
        }

        /**
         * The wait when the registry gives no deadline; default 10 s.
         *
         * @param interval the wait between beats without a deadline; positive
         * @return this builder
         * @throws IllegalArgumentException when {@code interval} is zero or negative
         */
        public Builder fallbackInterval(Duration interval) {
            this.fallbackInterval = Checks.positive(interval, "fallbackInterval");
            return this;
        }

        /**
         * How it rides through trouble; default {@link Recovery#defaults()}.
         *
         * @param recovery backoff, give-up, forbidden policy, attempts
         * @return this builder
         */
        public Builder recovery(Recovery recovery) {
            this.recovery = Checks.notNull(recovery, "recovery");
            return this;
        }

        /**
         * A new beater.
         *
         * @return a new beater
         */
        public LeaseFollowingBeater build() {
            return new LeaseFollowingBeater(this);
        }
    }
}
