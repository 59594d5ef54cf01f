package dev.heart.engine.beater;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.engine.internal.Checks;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Beats every interval, spread so that hearts started together do not beat together: the beat
 * after a beating's first accepted answer waits a random phase, uniform within
 * {@code [0, interval)}, and every later wait is the interval {@code +/- jitter} (default 10%).
 * Use it when the registry does not say when it
 * expects the next beat; when it does, prefer {@link LeaseFollowingBeater}. Attempts: by default
 * at most 3, each bounded by the interval but at most 2 s ({@link Recovery.Builder#attempts}).
 *
 * <p>It keeps its registrant registered until the application stops it, as every ready-made beater
 * does: see {@link Recovery}, which it takes with {@link Builder#recovery}.
 *
 * <p>Thread-safe (when its random source is): one instance may drive any number of beatings on one
 * heart; what it remembers per registrant lives in each beating's context. It never blocks.
 */
public final class FixedRateBeater implements HeartBeater {
    private final @Nullable OutgoingRequest request;
    private final Duration interval;
    private final double jitter;
    private final Attempts attempts;
    private final StayRegistered stay;

    private FixedRateBeater(Builder builder) {
        this.request = builder.request;
        this.interval = builder.interval;
        this.jitter = builder.jitter;
        this.attempts = builder.recovery.attemptsOr(Attempts.of(min(interval, Duration.ofSeconds(2)), 2));
        this.stay = new StayRegistered("FixedRateBeater", builder.recovery);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * A builder for a beater that resends each beating's own request every {@code interval}
     * ({@link NextBeat#lastRequest()}): one instance drives any number of registrants.
     *
     * @param interval the mean wait between beats; positive
     * @return a new builder with the defaults
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public static Builder builder(Duration interval) {
        return new Builder(null, Checks.positive(interval, "interval"));
    }

    /**
     * A builder for a beater that sends {@code request} every {@code interval}.
     *
     * @param request  what to send
     * @param interval the mean wait between beats; positive
     * @return a new builder with the defaults
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public static Builder builder(OutgoingRequest request, Duration interval) {
        return new Builder(Checks.notNull(request, "request"), Checks.positive(interval, "interval"));
    }

    /**
     * The request it sends, or empty when it resends each beating's own.
     *
     * @return the fixed request, or empty
     */
    public Optional<OutgoingRequest> request() {
        return Optional.ofNullable(request);
    }

    /**
     * The attempts of each beat.
     *
     * @return the attempts
     */
    public Attempts attempts() {
        return attempts;
    }

    @Override
    public void beat(BeatAnswer answer) {
        OutgoingRequest request = this.request != null ? this.request : answer.lastRequest();
        if (answer.response().reject()) {
            stay.rejected(answer, request, attempts);
            return;
        }
        stay.accepted(answer);
        Jitter random = stay.troubles().jitter();
        answer.send(request, attempts, answer.established() ? random.spread(interval, jitter) : random.phase(interval));
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
        return "FixedRateBeater[every " + interval + " +/-" + jitter + ", " + attempts + ", " + stay.settings() + "]";
    }

    /** Configures a {@link FixedRateBeater}. Not thread-safe. */
    public static final class Builder {
        private final @Nullable OutgoingRequest request;
        private final Duration interval;
        private double jitter = 0.1;
        private Recovery recovery = Recovery.defaults();

        private Builder(@Nullable OutgoingRequest request, Duration interval) {
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
         * How it rides through trouble, and the attempts of each beat; default
         * {@link Recovery#defaults()}.
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
        public FixedRateBeater build() {
            return new FixedRateBeater(this);
        }
    }
}
