package dev.heart.bench.t1;

import dev.heart.api.BeatFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.Response;
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
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        beats.increment();
        next.send(next.lastRequest(), timeout, 0);
    }

    @Override
    public void beatFailed(BeatFailedException failure, NextBeat next) {
        beats.fail(failure);
    }
}
