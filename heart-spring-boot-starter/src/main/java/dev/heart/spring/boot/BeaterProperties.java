package dev.heart.spring.boot;

import java.time.Duration;

/**
 * How to beat: the {@code heart.beater.*} properties of {@link HeartProperties}. A mutable bean for
 * Spring's binder; not thread-safe, read once at startup.
 */
public class BeaterProperties {

    /** Which ready-made beater decides the beats. */
    private Type type = Type.LEASE_FOLLOWING;

    /** The bound of each attempt of a beat. */
    private Duration attemptTimeout = Duration.ofSeconds(1);

    /** The most retransmissions per beat (lease-following: fewer when the lease is short). */
    private int maxRetries = 3;

    /** lease-following: where in the registry's lease the next beat is sent, above 0 and below 1. */
    private double fraction = 1.0 / 3;

    /** lease-following: the time kept free before the registry's deadline. */
    private Duration margin = Duration.ofMillis(100);

    /** lease-following: the wait when the registry gives no deadline. */
    private Duration fallbackInterval = Duration.ofSeconds(10);

    /** fixed-rate: the time between beats. */
    private Duration interval = Duration.ofSeconds(10);

    /** fixed-rate: the spread of each interval, as a fraction of it (0.1 is +/- 10%). */
    private double jitter = 0.1;

    /**
     * The ceiling of the first wait after a failed beat or a rejection for capacity (the wait is
     * random below its ceiling, which doubles with each failure in a row up to backoff-max).
     */
    private Duration backoffInitial = Duration.ofMillis(100);

    /** The largest ceiling of the wait between tries after failures. */
    private Duration backoffMax = Duration.ofSeconds(2);

    /**
     * What to do when a registry refuses the registrant for good (RejectReason.FORBIDDEN): stop
     * beating with it, or reregister (try again after the backoff, and other registries).
     */
    private OnForbidden onForbidden = OnForbidden.STOP;

    public Type getType() {
        return type;
    }

    public void setType(Type type) {
        this.type = type;
    }

    public Duration getAttemptTimeout() {
        return attemptTimeout;
    }

    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public double getFraction() {
        return fraction;
    }

    public void setFraction(double fraction) {
        this.fraction = fraction;
    }

    public Duration getMargin() {
        return margin;
    }

    public void setMargin(Duration margin) {
        this.margin = margin;
    }

    public Duration getFallbackInterval() {
        return fallbackInterval;
    }

    public void setFallbackInterval(Duration fallbackInterval) {
        this.fallbackInterval = fallbackInterval;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public double getJitter() {
        return jitter;
    }

    public void setJitter(double jitter) {
        this.jitter = jitter;
    }

    public Duration getBackoffInitial() {
        return backoffInitial;
    }

    public void setBackoffInitial(Duration backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    public Duration getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }

    public OnForbidden getOnForbidden() {
        return onForbidden;
    }

    public void setOnForbidden(OnForbidden onForbidden) {
        this.onForbidden = onForbidden;
    }

    /** What a beating does when its registry refuses the registrant for good. */
    public enum OnForbidden {
        /** Stop beating with that registry (logged); the health turns to the unregistered status. */
        STOP,
        /** Try again after the backoff, moving to another registry when one is known. */
        REREGISTER
    }

    /** The ready-made beaters of {@code dev.heart.engine.beater}. */
    public enum Type {
        /** Beat at a fraction of the lease the registry grants (LeaseFollowingBeater). */
        LEASE_FOLLOWING,
        /** Beat at a fixed interval with jitter, for registries that grant no lease (FixedRateBeater). */
        FIXED_RATE
    }
}
