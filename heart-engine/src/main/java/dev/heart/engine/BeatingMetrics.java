package dev.heart.engine;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One beating's figures: written by the beating's actor only, read by snapshots without locks
 * (a snapshot may be a beat behind). Also feeds the heart's totals.
 */
final class BeatingMetrics {
    private final HeartMetrics heart;
    private long beats;
    private long rejections;
    private long failedAttempts;
    private long failedBeats;
    private @Nullable Map<String, Long> failuresByCause;
    private final RecentSamples recent = new RecentSamples();

    BeatingMetrics(HeartMetrics heart) {
        this.heart = heart;
    }

    void beat(long roundTripNanos, boolean rejected) {
        beats++;
        if (rejected) {
            rejections++;
        }
        recent.roundTrip(roundTripNanos);
        heart.beat(roundTripNanos, rejected);
    }

    void attemptFailed(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        failedAttempts++;
        Map<String, Long> causes = failuresByCause;
        Map<String, Long> updated = causes == null ? new HashMap<>(4) : new HashMap<>(causes);
        updated.merge(name, 1L, Long::sum);
        failuresByCause = updated; // replaced, never mutated after publication
        heart.attemptFailed(name);
    }

    void beatFailed() {
        failedBeats++;
        heart.beatFailed();
    }

    void lateness(long nanos, boolean late) {
        recent.lateness(nanos);
        heart.lateness(nanos, late);
    }

    BeatingStats snapshot(Beating.State state, Health health) {
        Map<String, Long> causes = failuresByCause;
        return new BeatingStats(
                beats,
                rejections,
                failedAttempts,
                failedBeats,
                causes == null ? Map.of() : causes,
                recent.roundTrips(),
                recent.latenesses(),
                state,
                health);
    }
}
