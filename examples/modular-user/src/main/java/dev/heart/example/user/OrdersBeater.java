package dev.heart.example.user;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.Response;
import java.time.Duration;

/**
 * Beats at a third of the registry's lease; after a failed beat or a "not registered" rejection,
 * tries again soon, for ever. One instance drives any number of registrants: it keeps no state.
 */
public final class OrdersBeater implements HeartBeater {
    private static final Duration ATTEMPT = Duration.ofSeconds(1);

    @Override
    public void beat(BeatAnswer next) {
        Response response = next.response();
        if (response.reject()) {
            next.send(
                    next.lastRequest(),
                    Attempts.of(ATTEMPT, 1),
                    response.notRegistered() ? Duration.ZERO : Duration.ofSeconds(1));
        } else {
            Duration lease = response.timeout();
            Duration attempt = lease.dividedBy(8).compareTo(ATTEMPT) < 0 ? lease.dividedBy(8) : ATTEMPT;
            next.send(next.lastRequest(), Attempts.of(attempt, 1), lease.dividedBy(3));
        }
    }

    @Override
    public void beatFailed(BeatFailure next) {
        next.send(next.lastRequest(), Attempts.of(ATTEMPT, 1), Duration.ofMillis(500));
    }
}
