package dev.heart.cli.load;

import dev.heart.api.BeatFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.Response;
import java.time.Duration;

/** Counts the retransmissions that were answered into {@link LoadMetrics}, then lets the inner beater decide. */
final class MeasuringBeater implements HeartBeater {
    private final HeartBeater inner;
    private final LoadMetrics metrics;

    MeasuringBeater(HeartBeater inner, LoadMetrics metrics) {
        this.inner = inner;
        this.metrics = metrics;
    }

    @Override
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        metrics.exchanged(lastRetryN);
        inner.beat(response, lastRoundTrip, lastRetryN, next);
    }

    @Override
    public void beatFailed(BeatFailedException failure, NextBeat next) {
        inner.beatFailed(failure, next);
    }
}
