package dev.heart.engine;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.internal.Checks;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The {@link NextBeat} of one beater call: records the last decision, refuses calls once sealed. */
abstract class Continuation implements NextBeat {
    private final OutgoingRequest last;
    private volatile boolean sealed;

    @Nullable
    OutgoingRequest request;

    @Nullable
    Duration timeout;

    int retries;

    @Nullable
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
    public void send(OutgoingRequest request, AttemptPlan plan) {
        Checks.notNull(plan, "plan");
        decide(request, plan.attempts().timeout(), plan.attempts().retries(), plan.delay());
    }

    // The other forms are overridden so that a decision allocates nothing (E1: nothing per beat).

    @Override
    public void send(OutgoingRequest request, Attempts attempts, Duration delay) {
        Checks.notNull(attempts, "attempts");
        decide(request, attempts.timeout(), attempts.retries(), Checks.notNull(delay, "delay"));
    }

    @Override
    public void send(OutgoingRequest request, Attempts attempts) {
        Checks.notNull(attempts, "attempts");
        decide(request, attempts.timeout(), attempts.retries(), Duration.ZERO);
    }

    @Override
    public void send(OutgoingRequest request, Duration timeout, int retries) {
        Checks.notNull(timeout, "timeout");
        Checks.notNegative(retries, "retries");
        decide(request, timeout, retries, Duration.ZERO);
    }

    private void decide(OutgoingRequest request, Duration timeout, int retries, Duration delay) {
        if (sealed) {
            throw new IllegalStateException(
                    "NextBeat.send called after the beater returned; decide the next beat inside beat");
        }
        Checks.notNull(request, "request");
        Limits.positive(timeout, "timeout");
        Limits.notNegative(delay, "delay");
        if (!request.target().equals(last.target())) {
            protocol().check(request.target()); // a new target: a scheme nobody serves fails here, at once
        }
        this.request = request;
        this.timeout = timeout;
        this.retries = retries;
        this.delay = delay;
    }

    void seal() {
        sealed = true;
    }

    boolean continues() {
        return request != null;
    }
}
