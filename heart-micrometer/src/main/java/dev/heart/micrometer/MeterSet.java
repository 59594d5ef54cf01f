package dev.heart.micrometer;

import dev.heart.api.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one set of tags (service type, transport scheme, and the registrant when asked for),
 * registered on first use and kept, so that an event costs a map lookup and an increment.
 * Thread-safe.
 */
final class MeterSet {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter beats;
    private final Counter registrations;
    private final Counter reregistrations;
    private final Counter lateBeats;
    private final Timer roundTrip;
    private final ConcurrentHashMap<RejectReason, Counter> rejections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, Counter> failures = new ConcurrentHashMap<>();

    MeterSet(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        beats = Counter.builder(HeartMeters.BEATS)
                .description("Responses received from the registry")
                .tags(tags)
                .register(registry);
        registrations = Counter.builder(HeartMeters.REGISTRATIONS)
                .description("Beatings registered for the first time")
                .tags(tags)
                .register(registry);
        reregistrations = Counter.builder(HeartMeters.REREGISTRATIONS)
                .description("Registrations again after a rejection or a lost lease")
                .tags(tags)
                .register(registry);
        lateBeats = Counter.builder(HeartMeters.LATE_BEATS)
                .description("Beats sent later than the heart's late-beat threshold")
                .tags(tags)
                .register(registry);
        roundTrip = Timer.builder(HeartMeters.ROUND_TRIP)
                .description("Send to receive of the attempt that got the response")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .tags(tags)
                .register(registry);
    }

    void answered(boolean rejected, @Nullable RejectReason reason, Duration roundTripTime) {
        beats.increment();
        roundTrip.record(roundTripTime);
        if (rejected) {
            RejectReason key = reason == null ? RejectReason.UNSPECIFIED : reason;
            rejections.computeIfAbsent(key, this::rejectionCounter).increment();
        }
    }

    void attemptFailed(Throwable cause) {
        failures.computeIfAbsent(cause.getClass(), this::failureCounter).increment();
    }

    void registered(boolean again) {
        (again ? reregistrations : registrations).increment();
    }

    void lateBeat() {
        lateBeats.increment();
    }

    private Counter rejectionCounter(RejectReason reason) {
        return Counter.builder(HeartMeters.REJECTIONS)
                .description("Responses that rejected the registrant")
                .tags(tags)
                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Counter failureCounter(Class<?> cause) {
        return Counter.builder(HeartMeters.FAILED_ATTEMPTS)
                .description("Attempts that failed, by the simple class name of their cause")
                .tags(tags)
                .tag("cause", cause.getSimpleName().isEmpty() ? cause.getName() : cause.getSimpleName())
                .register(registry);
    }
}
