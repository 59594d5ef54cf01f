package dev.heart.transport.eureka;

import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.Response;
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
    public void beat(BeatAnswer next) {
        responses.add(next.response());
        inner.beat(next);
    }

    @Override
    public void beatFailed(BeatFailure next) {
        failures.add(next.failure());
        inner.beatFailed(next);
    }

    Response last() {
        return responses.get(responses.size() - 1);
    }

    long accepted() {
        return responses.stream().filter(r -> !r.reject()).count();
    }
}
