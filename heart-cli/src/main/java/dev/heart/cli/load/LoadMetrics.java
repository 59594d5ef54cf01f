package dev.heart.cli.load;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.engine.Beating;
import dev.heart.engine.HeartListener;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of many hearts, summed as they happen: a listener of every heart, and fed by
 * {@link MeasuringBeater}. Lock-free and bounded: counters, a map keyed by cause class name, one
 * histogram.
 */
final class LoadMetrics implements HeartListener {
    private final AtomicInteger established = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final LongAdder beats = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder failedAttempts = new LongAdder();
    private final LongAdder failedBeats = new LongAdder();
    private final Map<String, LongAdder> failuresByCause = new ConcurrentHashMap<>();
    private final RoundTrips roundTrips = new RoundTrips();

    void exchanged(Response response, Duration roundTrip, int retryN) {
        beats.increment();
        if (response.reject()) {
            rejections.increment();
        }
        retried.add(retryN);
        roundTrips.record(roundTrip);
    }

    void beatFailed() {
        failedBeats.increment();
    }

    void beatingEnded() {
        ended.incrementAndGet();
    }

    @Override
    public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
        failedAttempts.increment();
        failuresByCause.computeIfAbsent(cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
    }

    @Override
    public void established(Beating beating, Response response) {
        established.incrementAndGet();
    }

    @Override
    public void disconnected(Beating beating, Response lastResponse, Throwable cause) {
        established.decrementAndGet();
    }

    LoadSnapshot snapshot(int hearts, Duration elapsed) {
        Map<String, Long> causes = new TreeMap<>();
        failuresByCause.forEach((cause, count) -> causes.put(cause, count.sum()));
        return new LoadSnapshot(hearts, established.get(), ended.get(), elapsed, beats.sum(), rejections.sum(),
                retried.sum(), failedAttempts.sum(), failedBeats.sum(), causes, roundTrips.percentiles());
    }
}
