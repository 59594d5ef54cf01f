package dev.heart.bench.t1;

import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.bench.tcp.Counter;
import java.time.Duration;

/**
 * Resends each beating's own request ({@link NextBeat#lastRequest()}) at once after every answer,
 * and counts the answers. A failed beat ends its beating (the default) and fails the counter, so
 * the benchmark stops instead of measuring fewer hearts. Thread-safe: one instance drives every
 * beating.
 */
final class NoDelayBeater implements HeartBeater {
    private final Counter beats;
    private final Duration timeout;

    NoDelayBeater(Counter beats, Duration timeout) {
        this.beats = beats;
        this.timeout = timeout;
    }

    @Override
    public void beat(BeatAnswer next) {
        beats.increment();
        next.send(next.lastRequest(), timeout, 0);
    }

    @Override
    public void beatFailed(BeatFailure next) {
        BeatFailedException failure = next.failure();
        beats.fail(failure);
    }
}
