package dev.heart.bench.e1;

import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import java.time.Duration;

/**
 * The least a hand-written loop needs to hear the beater's decision: one reused holder, no checks,
 * no sealing. Not thread-safe.
 */
final class BareNext implements NextBeat {
    OutgoingRequest request;
    Duration timeout;
    int retryN;
    Duration delay;

    @Override
    public void send(OutgoingRequest request, Duration timeout, int retryN, Duration delay) {
        this.request = request;
        this.timeout = timeout;
        this.retryN = retryN;
        this.delay = delay;
    }

    void clear() {
        request = null;
    }
}
