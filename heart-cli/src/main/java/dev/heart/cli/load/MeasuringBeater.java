package dev.heart.cli.load;

import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;

/** Counts the retransmissions that were answered into {@link LoadMetrics}, then lets the inner beater decide. */
final class MeasuringBeater implements HeartBeater {
    private final HeartBeater inner;
    private final LoadMetrics metrics;

    MeasuringBeater(HeartBeater inner, LoadMetrics metrics) {
        this.inner = inner;
        this.metrics = metrics;
    }

    @Override
    public void beat(BeatAnswer answer) {
        metrics.exchanged(answer.retries());
        inner.beat(answer);
    }

    @Override
    public void beatFailed(BeatFailure failure) {
        inner.beatFailed(failure);
    }

    @Override
    public boolean neverBlocks() {
        return inner.neverBlocks();
    }
}
