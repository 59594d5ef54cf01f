package dev.heart.bench.e2;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.Response;
import java.time.Duration;

/**
 * Beats every {@code interval}, delay served by the heart's timer, until the registry rejects.
 * Resends the request its beating sent last ({@link NextBeat#lastRequest()}), so one instance
 * drives every registrant. Thread-safe, stateless.
 */
final class PeriodicBeater implements HeartBeater {
    private final Duration interval;
    private final Duration attemptTimeout;
    private final int retryN;

    PeriodicBeater(Duration interval, Duration attemptTimeout, int retryN) {
        this.interval = interval;
        this.attemptTimeout = attemptTimeout;
        this.retryN = retryN;
    }

    @Override
    public void beat(BeatAnswer next) {
        Response response = next.response();
        if (response.reject()) {
            return;
        }
        next.send(next.lastRequest(), Attempts.of(attemptTimeout, retryN), interval);
    }
}
