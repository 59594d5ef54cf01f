package dev.heart.example.user;

import dev.heart.api.BeatFailedException;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.Response;
import java.time.Duration;

/**
 * Beats at a third of the registry's lease; after a failed beat or a "not registered" rejection,
 * tries again soon, for ever. One instance drives any number of registrants: it keeps no state.
 */
public final class OrdersBeater implements HeartBeater {
    private static final Duration ATTEMPT = Duration.ofSeconds(1);

    @Override
    public void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next) {
        if (response.reject()) {
            next.send(next.lastRequest(), ATTEMPT, 1, response.notRegistered() ? Duration.ZERO : Duration.ofSeconds(1));
        } else {
            Duration lease = response.timeout();
            Duration attempt = lease.dividedBy(8).compareTo(ATTEMPT) < 0 ? lease.dividedBy(8) : ATTEMPT;
            next.send(next.lastRequest(), attempt, 1, lease.dividedBy(3));
        }
    }

    @Override
    public void beatFailed(BeatFailedException failure, NextBeat next) {
        next.send(next.lastRequest(), ATTEMPT, 1, Duration.ofMillis(500));
    }
}
