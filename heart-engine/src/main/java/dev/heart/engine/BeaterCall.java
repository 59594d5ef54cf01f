package dev.heart.engine;

import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.BeatingContext;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call of the beater: the task that runs it, the parameter object the beater is given (an
 * answer or a failure), and the event posted with its decision, in one object per beat.
 * {@link #run()} runs on the executor's thread, or on the draining thread for a beater that never
 * blocks or an inline executor; the loop reads the decision only after the event is posted, which
 * publishes it.
 */
final class BeaterCall extends Continuation implements Runnable, LoopEvent, BeatAnswer, BeatFailure, BeatingContext {
    private final AttemptLoop loop;
    final int seq;
    private final @Nullable Response response;
    private final @Nullable Duration roundTrip;
    private final int retriesBefore;
    private final boolean established;
    final @Nullable BeatFailedException failure;

    @Nullable
    Throwable thrown;

    BeaterCall(
            AttemptLoop loop,
            int seq,
            OutgoingRequest last,
            @Nullable Response response,
            @Nullable Duration roundTrip,
            int retriesBefore,
            boolean established,
            @Nullable BeatFailedException failure) {
        super(last);
        this.loop = loop;
        this.seq = seq;
        this.response = response;
        this.roundTrip = roundTrip;
        this.retriesBefore = retriesBefore;
        this.established = established;
        this.failure = failure;
    }

    @Override
    RequestProtocol protocol() {
        return loop.heart().protocol();
    }

    @Override
    public Kind kind() {
        return Kind.DECIDED;
    }

    @Override
    public Response response() {
        return Objects.requireNonNull(response); // an answer's call: a beater sees it as BeatAnswer only
    }

    @Override
    public Duration roundTrip() {
        return Objects.requireNonNull(roundTrip); // an answer's, like the response
    }

    @Override
    public int retries() {
        return retriesBefore;
    }

    @Override
    public boolean established() {
        return established;
    }

    @Override
    public BeatFailedException failure() {
        return Objects.requireNonNull(failure); // a failure's call: a beater sees it as BeatFailure only
    }

    @Override
    public BeatingContext context() {
        return this; // a view of the loop's storage: no object per beating until something is stored
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Key<T> key) {
        return (T) Context.get(loop.run().context(), Checks.notNull(key, "key"));
    }

    @Override
    public <T> void put(Key<T> key, T value) {
        loop.run()
                .context(Context.put(loop.run().context(), Checks.notNull(key, "key"), Checks.notNull(value, "value")));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T remove(Key<T> key) {
        return (T) Context.remove(loop.run().context(), Checks.notNull(key, "key"));
    }

    @Override
    public long nanoTime() {
        return loop.heart().time().nanoTime();
    }

    @Override
    public void run() {
        boolean elsewhere = !loop.mailbox().drainingHere(); // inline, the drain already set the MDC
        Object entered = elsewhere ? loop.mailbox().enterMdc() : null;
        try {
            if (failure == null) {
                loop.run().beater().beat(this);
            } else {
                loop.run().beater().beatFailed(this);
            }
        } catch (Throwable t) {
            thrown = t;
        } finally {
            seal();
            if (elsewhere) {
                loop.mailbox().exitMdc(entered);
            }
        }
        loop.decided(seq);
        loop.mailbox().post(this);
    }

    @Override
    public String toString() {
        return failure == null
                ? "BeatAnswer[" + response + ", " + roundTrip + ", retries " + retriesBefore + "]"
                : "BeatFailure[" + failure.getMessage() + "]";
    }
}
