package dev.heart.micrometer;

import dev.heart.engine.Beating;
import dev.heart.engine.Health;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The gauges of one heart's running beatings by state and by health, read from a
 * {@link Heart#stats()} snapshot that serves every gauge read within the cache time (monotonic
 * clock). Thread-safe.
 */
final class HeartGauges {
    private final WeakReference<Heart> heart;
    private final long cacheNanos;
    private @Nullable HeartStats snapshot;
    private long takenAt;

    HeartGauges(Heart heart, Duration cacheFor) {
        this.heart = new WeakReference<>(heart);
        this.cacheNanos = cacheFor.toNanos();
    }

    void register(MeterRegistry registry, Tags tags) {
        for (Beating.State state : Beating.State.values()) {
            Gauge.builder(HeartMeters.BEATINGS, this, g -> g.byState(state))
                    .description("Running beatings by state")
                    .tags(tags)
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        for (Health health : Health.values()) {
            Gauge.builder(HeartMeters.HEALTH, this, g -> g.byHealth(health))
                    .description("Running beatings by health")
                    .tags(tags)
                    .tag("health", health.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private double byState(Beating.State state) {
        HeartStats stats = stats();
        return stats == null ? Double.NaN : stats.byState().getOrDefault(state, 0);
    }

    private double byHealth(Health health) {
        HeartStats stats = stats();
        return stats == null ? Double.NaN : stats.byHealth().getOrDefault(health, 0);
    }

    private synchronized @Nullable HeartStats stats() {
        long now = System.nanoTime();
        if (snapshot == null || now - takenAt >= cacheNanos) {
            Heart h = heart.get();
            if (h == null) {
                return null;
            }
            snapshot = h.stats();
            takenAt = now;
        }
        return snapshot;
    }
}
