package dev.heart.engine;

import dev.heart.api.AttemptTimeoutException;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeaterFailedException;
import dev.heart.api.HeartException;
import dev.heart.api.LeaseToken;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One beating's loop, run as an actor: its phases (delay, attempt in flight, beater deciding,
 * disconnecting), the attempts and retries of each beat, their timeouts, the lease token, and the
 * disconnect. Transport answers, timer expiries, beater decisions and stops are posted to its
 * {@link Mailbox} and {@link #handle handled} one at a time; an event tagged with an older wait
 * sequence is stale and dropped, which is how late answers and timers are ignored. What each step
 * means for stats, JFR, the lease, logs and listeners is {@link BeatEvents}' job.
 *
 * <p>Threads: every field is read and written only inside {@link #handle} (so by one thread at a
 * time, whichever drains the mailbox), except {@link #lastDecidedSeq}: written by the thread that
 * ran the beater ({@link BeaterCall#run}) just before it posts the decision, read by
 * {@link #dispatch} right after handing the call to the executor. With an inline executor the
 * decision is then made already, and the lease need not hear that the next wake-up is unknown; a
 * stale value only arms a lease timer that was not needed. Other threads only read what the loop
 * publishes: the state (in {@link BeatingRun}), health and stats (see {@link BeatEvents}). The
 * current beat's attempts and the lease token are kept by the {@link BeatAttempts} it extends.
 */
final class AttemptLoop extends BeatAttempts implements Mailbox.Handler {
    private static final Logger LOG = EngineLog.BEATING;

    private enum Phase {
        DELAY,
        IN_FLIGHT,
        IN_BEATER,
        DISCONNECTING,
        ENDED
    }

    private final HeartRuntime heart;
    private final BeatingRun run;
    private final BeatEvents events;
    private final Waits waits;

    private Phase phase = Phase.DELAY;
    private long dueAt;
    private boolean beatDelay;
    private @Nullable Response lastResponse;
    private boolean established;
    private boolean stopping;

    private volatile int lastDecidedSeq;

    AttemptLoop(HeartRuntime heart, BeatingRun run) {
        super(run.initialRequest());
        this.heart = heart;
        this.run = run;
        this.events = new BeatEvents(heart, run);
        this.waits = new Waits(new Mailbox(this, run), heart.time().slot());
    }

    HeartRuntime heart() {
        return heart;
    }

    BeatingRun run() {
        return run;
    }

    Mailbox mailbox() {
        return waits.mailbox();
    }

    BeatEvents events() {
        return events;
    }

    /** A beater call of wait {@code decidedSeq} returned; on the beater's thread. */
    void decided(int decidedSeq) {
        lastDecidedSeq = decidedSeq;
    }

    // ---- events ----

    @Override
    public void handle(LoopEvent event) {
        if (phase == Phase.ENDED) {
            return;
        }
        try {
            boolean current = switch (event.kind()) {
                case STOP -> onStop();
                case ANSWER -> onAnswer((LoopEvent.Answer) event);
                case DECIDED -> onDecided((BeaterCall) event);
                case LEASE_CHECK -> onLeaseCheck((LoopEvent.LeaseCheck) event);
            };
            if (!current) {
                dropped(event.kind());
            }
        } catch (RuntimeException | Error e) {
            broke(e);
        }
    }

    /** An event that was not the current wait's is dropped: said at trace level. */
    private void dropped(Object what) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("{} dropped a stale {}", run, what);
        }
    }

    /** A bug of ours ends this beating, never the thread that ran the event. */
    private void broke(Throwable e) {
        finish(new HeartException("beating " + run.id() + " broke on an internal error", e));
    }

    private boolean onStop() {
        if (!stopping) {
            stopping = true;
            run.state(Beating.State.STOPPING);
            if (phase != Phase.IN_BEATER) { // else the decision ends the beating when the beater returns
                waits.abort();
                disconnect();
            }
        }
        return true;
    }

    private boolean onLeaseCheck(LoopEvent.LeaseCheck check) {
        events.leaseTimerFired(check.generation(), heart.time().nanoTime());
        return true;
    }

    private boolean onDecided(BeaterCall call) {
        if (!waits.current(call.seq)) {
            return false;
        }
        Throwable thrown = call.thrown;
        boolean continues = thrown == null && call.continues();
        if (continues && lastResponse != null && !established) {
            // The beater continued: established, even when a stop came in while it decided (then
            // the registry knows us, and the disconnect below must tell it we leave).
            established = true;
            run.state(stopping ? Beating.State.STOPPING : Beating.State.ESTABLISHED);
            events.established(lastResponse);
        }
        if (stopping) {
            disconnect();
        } else if (thrown != null) {
            finish(new BeaterFailedException(thrown));
        } else if (!continues) {
            finish(call.failure);
        } else {
            // it continues: the beater's send(...) set the request, timeout and delay together
            begin(Objects.requireNonNull(call.request), Objects.requireNonNull(call.timeout), call.retries);
            beatDelay = true;
            waitThenSend(Objects.requireNonNull(call.delay));
        }
        return true;
    }

    private void waitThenSend(Duration delay) {
        if (delay.isZero()) {
            sendAttempts();
        } else {
            phase = Phase.DELAY;
            waits.next();
            long now = heart.time().nanoTime();
            dueAt = now + delay.toNanos();
            waits.delay(delay);
            events.waking(dueAt, now);
        }
    }

    /**
     * Sends attempts of the current beat until one is in flight, one is answered, a retry waits,
     * or the beat has failed. A loop, not a recursion: a transport whose futures are already
     * failed when {@code send} returns costs no stack, however large {@code retries}.
     */
    private void sendAttempts() {
        while (true) {
            waits.next();
            phase = Phase.IN_FLIGHT;
            OutgoingRequest outgoing = nextAttempt(heart.time().nanoTime());
            CompletableFuture<Response> future = Sending.send(heart.protocol(), outgoing, timeout);
            if (!future.isDone()) {
                waits.answer(future, timeout);
                events.waking(sentAt + timeout.toNanos(), sentAt);
                return;
            }
            // Answered at once (in-memory transports): handled now, without a timer or a mailbox
            // round; we are inside the mailbox, so nothing re-enters.
            Response response = Sending.responseOf(future);
            if (response != null) {
                received(response);
                return;
            }
            if (!attemptFailed(Sending.failureOf(heart.protocol(), Sending.errorOf(future)))) {
                return;
            }
        }
    }

    private boolean onAnswer(LoopEvent.Answer answer) {
        if (!waits.current(answer.seq())) {
            return false;
        }
        waits.answered();
        if (phase == Phase.DISCONNECTING) {
            LOG.debug("{} disconnect answered: {}", run, answer.error() == null ? answer.response() : answer.error());
            finish(stopped());
            return true;
        }
        Response response = answer.error() == null ? answer.response() : null;
        if (response != null) {
            received(response);
        } else if (attemptFailed(Sending.failureOf(heart.protocol(), answer.error()))) {
            sendAttempts();
        }
        return true;
    }

    private void received(Response response) {
        long now = heart.time().nanoTime();
        long roundTrip = Math.max(0, now - sentAt);
        LeaseToken held = tokenAnswered(response);
        events.received(request, held, attempt, roundTrip, now, response);
        if (!response.equals(lastResponse)) {
            // an equal one is kept: a renewal then stores no young object into this long-lived
            // loop, whose card the next young collection would scan (a million beatings' worth)
            lastResponse = response;
        }
        phase = Phase.IN_BEATER;
        int current = waits.next();
        if (established) {
            events.renewed(response);
        }
        Duration elapsed = Duration.ofNanos(roundTrip);
        events.answered(response, elapsed, attempt - 1);
        dispatch(current, new BeaterCall(this, current, request, response, elapsed, attempt - 1, established, null));
    }

    private void dispatch(int current, BeaterCall call) {
        if (run.beater().neverBlocks()) {
            call.run(); // on this thread: the decision is queued behind the current event
            return;
        }
        heart.executor().execute(call);
        if (lastDecidedSeq != current) {
            // The beater runs elsewhere and may take its time: the lease must not depend on it.
            events.waking(Long.MAX_VALUE, heart.time().nanoTime());
        }
    }

    @Override
    public void expired(int seq) {
        if (phase == Phase.ENDED) {
            return;
        }
        try {
            if (!onExpired(seq)) {
                dropped("expiry");
            }
        } catch (RuntimeException | Error e) {
            broke(e);
        }
    }

    private boolean onExpired(int seq) {
        if (!waits.current(seq)) {
            return false;
        }
        waits.expired();
        events.check(heart.time().nanoTime());
        if (phase == Phase.DELAY) {
            if (beatDelay) {
                beatDelay = false;
                events.sentAfterDelay(request, heart.time().nanoTime() - dueAt);
            }
            sendAttempts();
        } else if (phase == Phase.IN_FLIGHT) {
            waits.timedOut();
            if (attemptFailed(new AttemptTimeoutException(timeout))) {
                sendAttempts();
            }
        } else if (phase == Phase.DISCONNECTING) {
            waits.abort();
            LOG.debug("{} disconnect got no answer within {}", run, heart.disconnectTimeout());
            finish(stopped());
        }
        return true;
    }

    /**
     * Counts a failed attempt; then waits before the next one, or hands the failed beat to the
     * beater. Returns true when the next attempt is due at once (no backoff): the caller sends it.
     */
    private boolean attemptFailed(Throwable cause) {
        beatDelay = false;
        events.attemptFailed(request, attempt, cause);
        if (retryLeft(cause)) {
            Duration backoff = Limits.saturated(heart.backoff().delayBefore(attempt));
            if (backoff.isZero()) {
                return true;
            }
            waitThenSend(backoff);
            return false;
        }
        BeatFailedException failure = beatFailure();
        events.beatFailed(failure, attempt);
        phase = Phase.IN_BEATER;
        int current = waits.next();
        dispatch(current, new BeaterCall(this, current, failure.request(), null, null, 0, established, failure));
        return false;
    }

    private void disconnect() {
        OutgoingRequest goodbye = goodbye();
        if (goodbye == null) {
            finish(stopped()); // nothing went out: there is nothing to take back
            return;
        }
        // Also when not established: the registry may have accepted a request whose answer we
        // no longer wait for, and would keep us until our deadline.
        phase = Phase.DISCONNECTING;
        waits.next();
        LOG.debug("{} stopped; sending disconnect", run);
        CompletableFuture<Response> future = Sending.send(heart.protocol(), goodbye, heart.disconnectTimeout());
        waits.answer(future, future.isDone() ? null : heart.disconnectTimeout());
    }

    private BeatingStoppedException stopped() {
        return new BeatingStoppedException("beating " + run.id() + " of " + run.registrant() + " was stopped");
    }

    private void finish(@Nullable Throwable cause) {
        if (phase == Phase.ENDED) {
            return;
        }
        waits.abort();
        phase = Phase.ENDED;
        events.ended(cause, established, lastResponse);
        run.complete(cause);
    }
}
