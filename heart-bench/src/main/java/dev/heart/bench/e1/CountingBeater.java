package dev.heart.bench.e1;

import dev.heart.api.BeatAnswer;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;

/**
 * Beats {@code beatsPerRun} times with no delay, then stops. The same instance serves the engine
 * loop and the bare loop, so both pay the same beater cost.
 *
 * <p>Not thread-safe: one run at a time. {@link #reset()} between runs, from the thread that
 * waits for the run.
 */
final class CountingBeater implements HeartBeater {
    private final int beatsPerRun;
    private final OutgoingRequest request;
    private final Duration timeout;
    private int beats;

    CountingBeater(int beatsPerRun, OutgoingRequest request, Duration timeout) {
        this.beatsPerRun = beatsPerRun;
        this.request = request;
        this.timeout = timeout;
    }

    @Override
    public void beat(BeatAnswer next) {
        Response response = next.response();
        beats++;
        if (beats < beatsPerRun && !response.reject()) {
            next.send(request, timeout, 0);
        }
    }

    void reset() {
        beats = 0;
    }

    int beats() {
        return beats;
    }
}
