package dev.heart.spring.boot;

import dev.heart.api.Attempts;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.OnReject;
import dev.heart.engine.beater.Recovery;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The beater settings of {@code heart.beater.*}, checked: every value went through the builder of
 * the beater it configures, so {@link #beaterFor} cannot fail. Immutable.
 *
 * <p>Each beating gets a {@link FailoverBeater} around the chosen beater: after a failed beat or a
 * rejection for capacity it tries again (the registry's candidates first) after a random backoff
 * whose ceiling doubles up to {@code backoffMax}; "not registered" registers again at once. It never
 * gives up; only a registry's FORBIDDEN with {@code on-forbidden=stop} (not the default) ends the beating.
 */
record BeaterSettings(HeartBeater inner, Duration attemptTimeout, int maxRetries, Recovery recovery) {

    static BeaterSettings from(BeaterProperties beater) {
        Duration attemptTimeout = positive("heart.beater.attempt-timeout", beater.getAttemptTimeout());
        int maxRetries = beater.getMaxRetries();
        if (maxRetries < 0) {
            throw new HeartPropertyException(
                    "heart.beater.max-retries", "must be zero or more, was " + maxRetries, null);
        }
        BeaterProperties.Type type = beater.getType();
        if (type == null) {
            throw new HeartPropertyException("heart.beater.type", "must be set (lease-following or fixed-rate)", null);
        }
        if (beater.getOnForbidden() == null) {
            throw new HeartPropertyException("heart.beater.on-forbidden", "must be set (stop or reregister)", null);
        }
        OnReject onForbidden = OnReject.valueOf(beater.getOnForbidden().name());
        Duration backoffInitial = positive("heart.beater.backoff-initial", beater.getBackoffInitial());
        Duration backoffMax = positive("heart.beater.backoff-max", beater.getBackoffMax());
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new HeartPropertyException(
                    "heart.beater.backoff-max",
                    "must not be less than heart.beater.backoff-initial (" + backoffInitial + "), was " + backoffMax,
                    null);
        }
        Recovery recovery = Recovery.builder()
                .backoff(backoffInitial, backoffMax)
                .attempts(Attempts.of(attemptTimeout, maxRetries))
                .onForbidden(onForbidden)
                .build();
        HeartBeater inner = switch (type) {
            case LEASE_FOLLOWING -> {
                LeaseFollowingBeater.Builder builder =
                        LeaseFollowingBeater.builder().recovery(recovery);
                double fraction = fraction(beater.getFraction());
                apply("heart.beater.fraction", beater.getFraction(), () -> builder.fraction(fraction));
                apply("heart.beater.margin", beater.getMargin(), () -> builder.margin(beater.getMargin()));
                apply(
                        "heart.beater.fallback-interval",
                        beater.getFallbackInterval(),
                        () -> builder.fallbackInterval(beater.getFallbackInterval()));
                yield builder.build();
            }
            case FIXED_RATE -> {
                Duration interval = positive("heart.beater.interval", beater.getInterval());
                FixedRateBeater.Builder builder =
                        FixedRateBeater.builder(interval).recovery(recovery);
                apply("heart.beater.jitter", beater.getJitter(), () -> builder.jitter(beater.getJitter()));
                yield builder.build();
            }
        };
        return new BeaterSettings(inner, attemptTimeout, maxRetries, recovery);
    }

    /**
     * A new beater for one beating that starts with {@code first}.
     *
     * @param first the beating's first request
     * @return a beater to give to that beating only
     */
    HeartBeater beaterFor(OutgoingRequest first) {
        return FailoverBeater.builder(first, inner).recovery(recovery).build();
    }

    /** A decimal ({@code 0.25}) or a ratio ({@code 1/3}), as {@code heart.beater.fraction} takes it. */
    static double fraction(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new HeartPropertyException("heart.beater.fraction", "must be set, like 1/3 or 0.25", null);
        }
        String value = text.strip();
        try {
            int slash = value.indexOf('/');
            if (slash < 0) {
                return Double.parseDouble(value);
            }
            double numerator = Double.parseDouble(value.substring(0, slash).strip());
            double denominator = Double.parseDouble(value.substring(slash + 1).strip());
            return numerator / denominator;
        } catch (NumberFormatException e) {
            throw new HeartPropertyException(
                    "heart.beater.fraction",
                    "'" + value + "' is not a fraction: expected a decimal like 0.25 or a ratio like 1/3",
                    e);
        }
    }

    static Duration positive(String property, @Nullable Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new HeartPropertyException(property, "must be a positive duration, was " + value, null);
        }
        return value;
    }

    private static void apply(String property, @Nullable Object value, Supplier<?> setter) {
        if (value == null) {
            throw new HeartPropertyException(property, "must be set", null);
        }
        try {
            setter.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new HeartPropertyException(property, "'" + value + "' is not accepted: " + e.getMessage(), e);
        }
    }
}
