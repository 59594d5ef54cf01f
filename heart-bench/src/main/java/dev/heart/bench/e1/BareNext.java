package dev.heart.bench.e1;

import dev.heart.api.AttemptPlan;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatingContext;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The least a hand-written loop needs to hand the beater its answer and hear its decision: one
 * reused holder, no checks, no sealing, no context. Not thread-safe.
 */
final class BareNext implements BeatAnswer {
    // set before each beat: the answer's side
    @Nullable
    OutgoingRequest last;

    @Nullable
    Response response;

    @Nullable
    Duration roundTrip;
    // the decision: null when the beater did not continue
    @Nullable
    OutgoingRequest request;

    @Nullable
    Duration timeout;

    int retries;

    @Nullable
    Duration delay;

    @Override
    public void send(OutgoingRequest request, AttemptPlan plan) {
        this.request = request;
        this.timeout = plan.attempts().timeout();
        this.retries = plan.attempts().retries();
        this.delay = plan.delay();
    }

    @Override
    public Response response() {
        return Objects.requireNonNull(response); // as the engine's call checks its own
    }

    @Override
    public Duration roundTrip() {
        return Objects.requireNonNull(roundTrip);
    }

    @Override
    public int retries() {
        return 0;
    }

    @Override
    public boolean established() {
        return true;
    }

    @Override
    public OutgoingRequest lastRequest() {
        return Objects.requireNonNull(last);
    }

    @Override
    public BeatingContext context() {
        throw new UnsupportedOperationException("the bare loop keeps no context");
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    void clear() {
        request = null;
    }
}
