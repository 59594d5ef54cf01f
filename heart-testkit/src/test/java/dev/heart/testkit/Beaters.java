package dev.heart.testkit;

import dev.heart.api.Attempts;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;

/** Beaters for the tests: one that follows the registry's deadline, one that ignores it. */
final class Beaters {
    private Beaters() {}

    /** Beats at a third of the deadline, 3 retries of an eighth each; after a rejection, again in 1 s. */
    static HeartBeater keeping(OutgoingRequest request) {
        return next -> {
            Response response = next.response();
            if (response.reject()) {
                next.send(request, Attempts.of(Duration.ofSeconds(1), 3), Duration.ofSeconds(1));
            } else {
                next.send(
                        request,
                        Attempts.of(response.timeout().dividedBy(8), 3),
                        response.timeout().dividedBy(3));
            }
        };
    }

    /** Beats every 2 minutes whatever the registry says: broken for any shorter deadline. */
    static HeartBeater ignoringTheDeadline(OutgoingRequest request) {
        return next -> next.send(request, Attempts.of(Duration.ofSeconds(1), 2), Duration.ofMinutes(2));
    }
}
