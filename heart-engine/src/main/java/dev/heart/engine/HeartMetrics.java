package dev.heart.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The figures of every beating of one heart, updated by the beatings, summed by snapshots. */
final class HeartMetrics {
    private final LongAdder beats = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private final LongAdder failedBeats = new LongAdder();
    private final LongAdder lateBeats = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> failuresByCause = new ConcurrentHashMap<>();
    private final LogHistogram roundTrip = new LogHistogram();
    private final LogHistogram lateness = new LogHistogram();

    void beat(long roundTripNanos, boolean rejected) {
        beats.increment();
        if (rejected) {
            rejections.increment();
        }
        roundTrip.record(roundTripNanos);
    }

    void attemptFailed(String cause) {
        failedAttempts.increment();
        failuresByCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    void beatFailed() {
        failedBeats.increment();
    }

    void lateness(long nanos, boolean late) {
        lateness.record(nanos);
        if (late) {
            lateBeats.increment();
        }
    }

    HeartStats snapshot(Iterable<? extends Beating> running) {
        Map<Beating.State, Integer> byState = new EnumMap<>(Beating.State.class);
        Map<Health, Integer> byHealth = new EnumMap<>(Health.class);
        int count = 0;
        for (Beating beating : running) {
            count++;
            byState.merge(beating.state(), 1, Integer::sum);
            byHealth.merge(beating.health(), 1, Integer::sum);
        }
        Map<String, Long> causes = new TreeMap<>();
        failuresByCause.forEach((cause, adder) -> causes.put(cause, adder.sum()));
        return new HeartStats(
                count,
                byState,
                byHealth,
                beats.sum(),
                rejections.sum(),
                failedAttempts.sum(),
                failedBeats.sum(),
                lateBeats.sum(),
                causes,
                roundTrip.percentiles(),
                lateness.percentiles());
    }
}
