package dev.heart.spring.boot;

import java.time.Duration;

/**
 * How to beat: the {@code heart.beater.*} properties of {@link HeartProperties}. A mutable bean for
 * Spring's binder; not thread-safe, read once at startup.
 */
public class BeaterProperties {

    /** The defaults; Spring's binder sets what is configured. */
    public BeaterProperties() {}

    /** Which ready-made beater decides the beats. */
    private Type type = Type.LEASE_FOLLOWING;

    /** The bound of each attempt of a beat. */
    private Duration attemptTimeout = Duration.ofSeconds(1);

    /** The most retransmissions per beat (lease-following: fewer when the lease is short). */
    private int maxRetries = 3;

    /**
     * lease-following: where in the registry's lease the next beat is sent, above 0 and below 1;
     * a decimal (0.25) or a ratio (1/3).
     */
    private String fraction = "1/3";

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
     * What to do when a registry refuses the registrant (RejectReason.FORBIDDEN: the id is held by
     * another owner, or our identity may not register it): reregister (the default: keep trying,
     * with a backoff of up to 30 s, and other registries; a squatter's lease ends), or stop.
     */
    private OnForbidden onForbidden = OnForbidden.REREGISTER;

    /**
     * The value of {@code heart.beater.type}.
     *
     * @return the value bound, or its default
     */
    public Type getType() {
        return type;
    }

    /**
     * Binds {@code heart.beater.type}.
     *
     * @param type the value
     */
    public void setType(Type type) {
        this.type = type;
    }

    /**
     * The value of {@code heart.beater.attempt-timeout}.
     *
     * @return the value bound, or its default
     */
    public Duration getAttemptTimeout() {
        return attemptTimeout;
    }

    /**
     * Binds {@code heart.beater.attempt-timeout}.
     *
     * @param attemptTimeout the value
     */
    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * The value of {@code heart.beater.max-retries}.
     *
     * @return the value bound, or its default
     */
    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * Binds {@code heart.beater.max-retries}.
     *
     * @param maxRetries the value
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * The value of {@code heart.beater.fraction}.
     *
     * @return the value bound, or its default
     */
    public String getFraction() {
        return fraction;
    }

    /**
     * Binds {@code heart.beater.fraction}.
     *
     * @param fraction the value
     */
    public void setFraction(String fraction) {
        this.fraction = fraction;
    }

    /**
     * The value of {@code heart.beater.margin}.
     *
     * @return the value bound, or its default
     */
    public Duration getMargin() {
        return margin;
    }

    /**
     * Binds {@code heart.beater.margin}.
     *
     * @param margin the value
     */
    public void setMargin(Duration margin) {
        this.margin = margin;
    }

    /**
     * The value of {@code heart.beater.fallback-interval}.
     *
     * @return the value bound, or its default
     */
    public Duration getFallbackInterval() {
        return fallbackInterval;
    }

    /**
     * Binds {@code heart.beater.fallback-interval}.
     *
     * @param fallbackInterval the value
     */
    public void setFallbackInterval(Duration fallbackInterval) {
        this.fallbackInterval = fallbackInterval;
    }

    /**
     * The value of {@code heart.beater.interval}.
     *
     * @return the value bound, or its default
     */
    public Duration getInterval() {
        return interval;
    }

    /**
     * Binds {@code heart.beater.interval}.
     *
     * @param interval the value
     */
    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /**
     * The value of {@code heart.beater.jitter}.
     *
     * @return the value bound, or its default
     */
    public double getJitter() {
        return jitter;
    }

    /**
     * Binds {@code heart.beater.jitter}.
     *
     * @param jitter the value
     */
    public void setJitter(double jitter) {
        this.jitter = jitter;
    }

    /**
     * The value of {@code heart.beater.backoff-initial}.
     *
     * @return the value bound, or its default
     */
    public Duration getBackoffInitial() {
        return backoffInitial;
    }

    /**
     * Binds {@code heart.beater.backoff-initial}.
     *
     * @param backoffInitial the value
     */
    public void setBackoffInitial(Duration backoffInitial) {
        this.backoffInitial = backoffInitial;
    }

    /**
     * The value of {@code heart.beater.backoff-max}.
     *
     * @return the value bound, or its default
     */
    public Duration getBackoffMax() {
        return backoffMax;
    }

    /**
     * Binds {@code heart.beater.backoff-max}.
     *
     * @param backoffMax the value
     */
    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }

    /**
     * The value of {@code heart.beater.on-forbidden}.
     *
     * @return the value bound, or its default
     */
    public OnForbidden getOnForbidden() {
        return onForbidden;
    }

    /**
     * Binds {@code heart.beater.on-forbidden}.
     *
     * @param onForbidden the value
     */
    public void setOnForbidden(OnForbidden onForbidden) {
        this.onForbidden = onForbidden;
    }

    /** What a beating does when its registry refuses the registrant for good. */
    public enum OnForbidden {
        /** Stop beating with that registry (logged); the health turns to the unregistered status. */
        STOP,
        /** Keep trying after a backoff of up to 30 s, moving to another registry when one is known (the default). */
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
