package dev.heart.transport.etcd;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real beater for the tests: beats again after a third of the TTL etcd granted. On a rejection
 * (the lease is gone) it registers again at once, at the first candidate of the last response when
 * failover is on. It remembers every response; {@link #failoverTarget()} names where a new beating
 * goes after a failed one.
 */
final class TtlBeater implements HeartBeater {
    static final Duration ATTEMPT = Duration.ofSeconds(1);
    static final int RETRIES = 2;

    private final RegistrantInfo registrant;
    private final boolean failover;
    final List<Response> responses = new CopyOnWriteArrayList<>();
    private volatile List<URI> candidates = List.of();

    TtlBeater(RegistrantInfo registrant, boolean failover) {
        this.registrant = registrant;
        this.failover = failover;
    }

    /** The first beat of a beating to {@code target}. */
    OutgoingRequest first(URI target) {
        return new OutgoingRequest(Request.beat(registrant), target);
    }

    @Override
    public void beat(BeatAnswer next) {
        Response response = next.response();
        responses.add(response);
        if (!response.registry().candidates().isEmpty()) {
            candidates = response.registry().candidates();
        }
        if (response.reject()) {
            next.send(first(failover ? failoverTarget() : response.registry().address()), ATTEMPT, RETRIES);
        } else {
            next.send(
                    first(response.registry().address()),
                    Attempts.of(ATTEMPT, RETRIES),
                    response.timeout().dividedBy(3));
        }
    }

    /** The first candidate of the last response that had any. */
    URI failoverTarget() {
        List<URI> known = candidates;
        if (known.isEmpty()) {
            throw new IllegalStateException("no candidate to fail over to");
        }
        return known.get(0);
    }

    /** The last response; null before the first. */
    Response last() {
        return responses.isEmpty() ? null : responses.get(responses.size() - 1);
    }
}
