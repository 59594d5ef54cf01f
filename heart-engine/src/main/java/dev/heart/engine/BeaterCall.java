package dev.heart.engine;

import dev.heart.api.BeatFailedException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;

/**
 * One call of the beater: the task the executor runs, the continuation the beater is given, and
 * the event posted with its decision, in one object per beat. {@link #run()} runs on the
 * executor's thread (the draining thread itself with an inline executor); the loop reads the
 * decision only after the event is posted, which publishes it.
 */
final class BeaterCall extends Continuation implements Runnable, LoopEvent {
    private final AttemptLoop loop;
    final int seq;
    final Response response;
    final Duration roundTrip;
    final int failedBefore;
    final BeatFailedException failure;
    Throwable thrown;

    BeaterCall(AttemptLoop loop, int seq, OutgoingRequest last, Response response, Duration roundTrip,
            int failedBefore, BeatFailedException failure) {
        super(last);
        this.loop = loop;
        this.seq = seq;
        this.response = response;
        this.roundTrip = roundTrip;
        this.failedBefore = failedBefore;
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
    public void run() {
        boolean elsewhere = !loop.mailbox().drainingHere(); // inline, the drain already set the MDC
        Object entered = elsewhere ? loop.mailbox().enterMdc() : null;
        try {
            if (failure == null) {
                loop.heart().beater().beat(response, roundTrip, failedBefore, this);
            } else {
                loop.heart().beater().beatFailed(failure, this);
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
}
