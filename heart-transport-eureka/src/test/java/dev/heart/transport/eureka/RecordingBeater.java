package dev.heart.transport.eureka;

import dev.heart.api.BeatFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Wraps a beater and records every response and failed beat it sees. Thread-safe. */
final class RecordingBeater implements HeartBeater {
    final List<Response> responses = new CopyOnWriteArrayList<>();
    final List<BeatFailedException> failures = new CopyOnWriteArrayList<>();
    private final HeartBeater inner;

    RecordingBeater(HeartBeater inner) {
        this.inner = inner;
    }

    @Override
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        responses.add(response);
        inner.beat(response, lastRoundTrip, lastRetryN, next);
    }

    @Override
    public void beatFailed(BeatFailedException failure, NextBeat next) {
        failures.add(failure);
        inner.beatFailed(failure, next);
    }

    Response last() {
        return responses.get(responses.size() - 1);
    }

    long accepted() {
        return responses.stream().filter(r -> !r.reject()).count();
    }
}
