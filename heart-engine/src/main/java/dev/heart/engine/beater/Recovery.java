package dev.heart.engine.beater;

import dev.heart.api.Attempts;
import dev.heart.engine.internal.Checks;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * How a ready-made beater keeps its registrant registered through trouble: one immutable
 * configuration that {@link LeaseFollowingBeater}, {@link FixedRateBeater} and
 * {@link FailoverBeater} all take ({@code builder.recovery(...)}), described here once.
 *
 * <p><b>What every ready-made beater does</b> (spec §9). A failed beat never ends the beating by
 * default: the n-th failure in a row waits uniformly within
 * {@code [0, min(backoffCap, initialBackoff * 2^(n-1)))} (capped exponential backoff with full
 * jitter; defaults 100 ms and 2 s) and tries again, for ever unless {@link Builder#giveUpAfter}
 * is set, which is then the only way the beating ends on its own. A rejection saying
 * {@linkplain dev.heart.api.Response#notRegistered() "not registered"} registers again at once
 * (after a backoff when the new registration is refused the same way again); a rejection for
 * capacity or with no reason is retried after the backoff. A
 * {@link dev.heart.api.RejectReason#FORBIDDEN} rejection (the id is held by another owner, or our
 * identity may not register it) follows {@link Builder#onForbidden}: by default
 * {@link OnReject#REREGISTER}, trying again with the same backoff capped at the longer
 * {@link Builder#forbiddenBackoffCap} (default 30 s, since a squatter's lease ends) and a WARN at
 * most once a minute per beater; {@link OnReject#STOP} ends the beating instead. An accepted
 * response ends the trouble. All of this is per beating: the streak, the give-up clock and the
 * registries tried live in the beating's {@link dev.heart.api.BeatingContext}, so a new beating
 * of the same registrant starts fresh, also when the old one was stopped in trouble. Time is
 * the heart's clock ({@link dev.heart.api.NextBeat#nanoTime()}), virtual in the testkit.
 *
 * <p>Immutable and thread-safe (when its random source is).
 */
public final class Recovery {
    /** The default ceiling of the first wait: well under any lease. */
    static final Duration INITIAL = Duration.ofMillis(100);
    /** The default cap of every wait. */
    static final Duration CAP = Duration.ofSeconds(2);
    /** The default cap of the waits after a forbidden rejection. */
    static final Duration FORBIDDEN_CAP = Duration.ofSeconds(30);

    private static final Recovery DEFAULTS = new Builder().build();

    private final Duration initialBackoff;
    private final Duration backoffCap;
    private final Duration forbiddenBackoffCap;
    private final @Nullable Duration giveUpAfter;
    private final OnReject onForbidden;
    private final @Nullable Attempts attempts;
    private final @Nullable RandomGenerator random;
    private final org.slf4j.Logger log;

    private Recovery(Builder b) {
        this.initialBackoff = b.initialBackoff;
        this.backoffCap = b.backoffCap;
        this.forbiddenBackoffCap = b.forbiddenBackoffCap;
        this.giveUpAfter = b.giveUpAfter;
        this.onForbidden = b.onForbidden;
        this.attempts = b.attempts;
        this.random = b.random;
        this.log = b.log;
    }

    /**
     * The defaults: backoff within 100 ms doubling up to 2 s, 30 s after a forbidden rejection,
     * never give up, keep trying when forbidden, each beater's own attempts.
     *
     * @return the default configuration
     */
    public static Recovery defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The ceiling of the first wait after a failure.
     *
     * @return positive
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The largest ceiling of any wait after a failure or a retryable rejection.
     *
     * @return not below {@link #initialBackoff()}
     */
    public Duration backoffCap() {
        return backoffCap;
    }

    /**
     * The largest ceiling of the waits after a forbidden rejection (with {@link OnReject#REREGISTER}).
     *
     * @return not below {@link #initialBackoff()}
     */
    public Duration forbiddenBackoffCap() {
        return forbiddenBackoffCap;
    }

    /**
     * How long failures may go on before the beating ends; empty for ever.
     *
     * @return the limit, or empty
     */
    public Optional<Duration> giveUpAfter() {
        return Optional.ofNullable(giveUpAfter);
    }

    /**
     * What to do on a forbidden rejection.
     *
     * @return the policy
     */
    public OnReject onForbidden() {
        return onForbidden;
    }

    /**
     * The attempts of each beat (a {@link LeaseFollowingBeater} uses fewer when the lease is
     * short); empty for each beater's own default.
     *
     * @return the attempts, or empty
     */
    public Optional<Attempts> attempts() {
        return Optional.ofNullable(attempts);
    }

    /** The jitter's source; null for the calling thread's. */
    @Nullable
    RandomGenerator random() {
        return random;
    }

    /** Where the beaters' WARN lines go. */
    org.slf4j.Logger log() {
        return log;
    }

    /** {@code attempts()}, or {@code fallback} when unset. */
    Attempts attemptsOr(Attempts fallback) {
        return attempts != null ? attempts : fallback;
    }

    @Override
    public String toString() {
        return "Recovery[backoff " + initialBackoff + " up to " + backoffCap + " (" + forbiddenBackoffCap
                + " when forbidden), " + (giveUpAfter == null ? "for ever" : "giving up after " + giveUpAfter)
                + ", on forbidden " + onForbidden + (attempts == null ? "" : ", " + attempts) + "]";
    }

    /** Configures a {@link Recovery}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private Duration initialBackoff = INITIAL;
        private Duration backoffCap = CAP;
        private Duration forbiddenBackoffCap = FORBIDDEN_CAP;
        private @Nullable Duration giveUpAfter;
        private OnReject onForbidden = OnReject.REREGISTER;
        private @Nullable Attempts attempts;
        private @Nullable RandomGenerator random;
        private org.slf4j.Logger log = StayRegistered.LOG;

        private Builder() {}

        /** Where the WARN lines go; for the engine's own tests. */
        Builder log(org.slf4j.Logger target) {
            this.log = target;
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
            Checks.positive(initial, "initialBackoff");
            Checks.positive(cap, "backoffCap");
            if (cap.compareTo(initial) < 0) {
                throw new IllegalArgumentException(
                        "backoffCap " + cap + " must not be less than initialBackoff " + initial);
            }
            this.initialBackoff = initial;
            this.backoffCap = cap;
            return this;
        }

        /**
         * The cap of the backoff after forbidden rejections; default 30 s.
         *
         * @param cap positive
         * @return this builder
         * @throws IllegalArgumentException when {@code cap} is not positive
         */
        public Builder forbiddenBackoffCap(Duration cap) {
            this.forbiddenBackoffCap = Checks.positive(cap, "forbiddenBackoffCap");
            return this;
        }

        /**
         * Ends the beating with the failure when a beat fails and failures have gone on for
         * {@code limit} on the heart's clock; default: never give up.
         *
         * @param limit positive
         * @return this builder
         * @throws IllegalArgumentException when {@code limit} is zero or negative
         */
        public Builder giveUpAfter(Duration limit) {
            this.giveUpAfter = Checks.positive(limit, "giveUpAfter");
            return this;
        }

        /**
         * What to do when the registry refuses the registrant
         * ({@link dev.heart.api.RejectReason#FORBIDDEN}); default {@link OnReject#REREGISTER}.
         *
         * @param policy the reaction
         * @return this builder
         */
        public Builder onForbidden(OnReject policy) {
            this.onForbidden = Checks.notNull(policy, "onForbidden");
            return this;
        }

        /**
         * The attempts of each beat; default: each beater's own (see its class).
         *
         * @param attempts each attempt's bound and the retransmissions
         * @return this builder
         */
        public Builder attempts(Attempts attempts) {
            this.attempts = Checks.notNull(attempts, "attempts");
            return this;
        }

        /**
         * The jitter's random source, for reproducible runs; thread-safe if shared. Default the
         * calling thread's.
         *
         * @param random the source
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = Checks.notNull(random, "random");
            return this;
        }

        /**
         * A new configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException when {@code forbiddenBackoffCap} is below the initial backoff
         */
        public Recovery build() {
            if (forbiddenBackoffCap.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("forbiddenBackoffCap " + forbiddenBackoffCap
                        + " must not be less than initialBackoff " + initialBackoff);
            }
            return new Recovery(this);
        }
    }
}
