package dev.heart.engine;

import dev.heart.engine.internal.Checks;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;

/** The {@link NextBeat} of one beater call: records the last decision, refuses calls once sealed. */
abstract class Continuation implements NextBeat {
    private final OutgoingRequest last;
    private volatile boolean sealed;
    OutgoingRequest request;
    Duration timeout;
    int retryN;
    Duration delay;

    Continuation(OutgoingRequest last) {
        this.last = last;
    }

    /** The heart's transport, which checks a new target (a method, not a field: one object per beat). */
    abstract RequestProtocol protocol();

    @Override
    public OutgoingRequest lastRequest() {
        return last;
    }

    @Override
    public void send(OutgoingRequest request, Duration timeout, int retryN, Duration delay) {
        if (sealed) {
            throw new IllegalStateException(
                    "NextBeat.send called after HeartBeater.beat returned; decide the next beat inside beat");
        }
        Checks.notNull(request, "request");
        Limits.positive(timeout, "timeout");
        Checks.notNegative(retryN, "retryN");
        Limits.notNegative(delay, "delay");
        if (last == null || !request.target().equals(last.target())) {
            protocol().check(request.target()); // a new target: a scheme nobody serves fails here, at once
        }
        this.request = request;
        this.timeout = timeout;
        this.retryN = retryN;
        this.delay = delay;
    }

    void seal() {
        sealed = true;
    }

    boolean continues() {
        return request != null;
    }
}
