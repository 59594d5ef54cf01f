package dev.heart.engine;

import dev.heart.api.AttemptTimeoutException;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeaterFailedException;
import dev.heart.api.HeartException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * One beating, run as an actor: transport answers, timer expiries, beater decisions and stop
 * requests are posted to its {@link Mailbox} and handled one at a time. All mutable fields are
 * touched only by {@link #handle}; an event tagged with an older wait sequence is stale and
 * dropped, which is how late answers and timers are ignored.
 */
final class BeatingRun extends Mailbox implements Beating {
    private static final Logger LOG = EngineLog.BEATING;
    private static final AtomicLong IDS = new AtomicLong();
    private static final Object STOP = new Object();

    private enum Phase { DELAY, IN_FLIGHT, IN_BEATER, DISCONNECTING, ENDED }

    private record Answer(int seq, Response response, Throwable error) {
    }

    /** A wait of this beating ran out: the timer's task and the event it posts, in one object. */
    private final class Expired implements Runnable {
        final int seq;

        Expired(int seq) {
            this.seq = seq;
        }

        @Override
        public void run() {
            post(this);
        }
    }

    /**
     * One call of the beater: the task the executor runs, the continuation the beater is given,
     * and the event posted with its decision, in one object per beat.
     */
    private final class BeaterCall extends Continuation implements Runnable {
        final int seq;
        final Response response;
        final Duration roundTrip;
        final int failedBefore;
        final BeatFailedException failure;
        Throwable thrown;

        BeaterCall(int seq, OutgoingRequest last, Response response, Duration roundTrip, int failedBefore,
                BeatFailedException failure) {
            super(last);
            this.seq = seq;
            this.response = response;
            this.roundTrip = roundTrip;
            this.failedBefore = failedBefore;
            this.failure = failure;
        }

        @Override
        public void run() {
            try {
                if (failure == null) {
                    heart.beater().beat(response, roundTrip, failedBefore, this);
                } else {
                    heart.beater().beatFailed(failure, this);
                }
            } catch (Throwable t) {
                thrown = t;
            } finally {
                seal();
            }
            lastDecidedSeq = seq;
            post(this);
        }
    }

    private record LeaseCheck(int generation) {
    }

    private final Heart heart;
    private final long id = IDS.incrementAndGet();
    private final OutgoingRequest initial;
    /** Completed first, with every copy handed out by {@link #completion()}; then {@link #outcome}. */
    private final CompletableFuture<Void> announced = new CompletableFuture<>();
    /** Completed last: whoever waits on it (runBeating, close) finds every copy complete. */
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private final LeaseTracker lease = new LeaseTracker(this);
    private final BeatingMetrics metrics;
    /** The beating's waits (delay, attempt timeout, disconnect), one at a time, on one reusable slot. */
    private final TimeSource.Slot waits;
    private volatile State state = State.CONNECTING;

    private Phase phase = Phase.DELAY;
    private int seq;
    private OutgoingRequest request;
    private Duration timeout;
    private int retryN;
    private int attempt;
    private List<Throwable> causes;
    private long sentAt;
    private long dueAt;
    private boolean beatDelay;
    private OutgoingRequest lastSent;
    private Response lastResponse;
    private boolean established;
    private boolean stopping;
    private CompletableFuture<Response> inFlight;
    private TimeSource.Cancellable timer;
    private volatile int lastDecidedSeq; // the seq of the last beater call that returned, written by its thread

    BeatingRun(Heart heart, OutgoingRequest initial) {
        this.heart = heart;
        this.initial = initial;
        this.metrics = new BeatingMetrics(heart.metrics());
        this.waits = heart.time().slot();
    }

    void begin(Duration initTimeout, int initRetryN, Duration initialDelay) {
        BeaterCall first = new BeaterCall(0, initial, null, null, 0, null);
        first.send(initial, initTimeout, initRetryN, initialDelay);
        first.seal();
        post(first);
    }

    // ---- Beating ----

    @Override
    public long id() {
        return id;
    }

    @Override
    public OutgoingRequest initialRequest() {
        return initial;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Health health() {
        return lease.health();
    }

    @Override
    public BeatingStats stats() {
        return metrics.snapshot(state, lease.health());
    }

    @Override
    public void stop() {
        if (!outcome.isDone()) {
            post(STOP);
        }
    }

    @Override
    public CompletableFuture<Void> completion() {
        return announced.copy();
    }

    CompletableFuture<Void> outcome() {
        return outcome;
    }

    void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                outcome.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Beating#" + id + "[" + registrant() + " -> " + initial.target() + ", " + state + "]";
    }

    private String registrant() {
        return initial.request().registrant().id();
    }

    // ---- hooks for the lease tracker (inside handle only) ----

    TimeSource.Cancellable scheduleLeaseCheck(Duration delay, int generation) {
        return heart.time().schedule(delay, () -> post(new LeaseCheck(generation)));
    }

    void healthChanged(Health previous, Health current) {
        Flight.health(registrant(), previous, current);
        heart.listeners().healthChanged(this, previous, current);
    }

    // ---- events ----

    @Override
    void handle(Object event) {
        if (phase == Phase.ENDED) {
            return;
        }
        try {
            if (event == STOP) {
                onStop();
            } else if (event instanceof Answer answer) {
                if (answer.seq == seq) {
                    onAnswer(answer.response, answer.error);
                }
            } else if (event instanceof Expired expired) {
                if (expired.seq == seq) {
                    onExpired();
                }
            } else if (event instanceof BeaterCall call) {
                if (call.seq == seq) {
                    onDecided(call, call.thrown, call.failure);
                }
            } else if (event instanceof LeaseCheck check) {
                lease.timerFired(check.generation, heart.time().nanoTime());
            }
        } catch (RuntimeException | Error e) {
            finish(new HeartException("beating " + id + " broke on an internal error", e));
        }
    }

    private void onStop() {
        if (stopping) {
            return;
        }
        stopping = true;
        state = State.STOPPING;
        if (phase != Phase.IN_BEATER) { // else the decision ends the beating when the beater returns
            abortWait();
            disconnect();
        }
    }

    private void onDecided(Continuation next, Throwable thrown, BeatFailedException failure) {
        boolean continues = thrown == null && next.continues();
        if (continues && lastResponse != null && !established) {
            // The beater continued: established, even when a stop came in while it decided (then
            // the registry knows us, and the disconnect below must tell it we leave).
            established = true;
            state = stopping ? State.STOPPING : State.ESTABLISHED;
            heart.listeners().established(this, lastResponse);
        }
        if (stopping) {
            disconnect();
        } else if (thrown != null) {
            finish(new BeaterFailedException(thrown));
        } else if (!continues) {
            finish(failure);
        } else {
            request = next.request;
            timeout = next.timeout;
            retryN = next.retryN;
            attempt = 0;
            causes = null;
            beatDelay = true;
            waitThenSend(next.delay);
        }
    }

    private void waitThenSend(Duration delay) {
        if (delay.isZero()) {
            sendAttempt();
        } else {
            phase = Phase.DELAY;
            int current = ++seq;
            long now = heart.time().nanoTime();
            dueAt = now + delay.toNanos();
            timer = waits.schedule(delay, new Expired(current));
            lease.waking(dueAt, now);
        }
    }

    private void sendAttempt() {
        attempt++;
        int current = ++seq;
        phase = Phase.IN_FLIGHT;
        lastSent = request;
        sentAt = heart.time().nanoTime();
        CompletableFuture<Response> future = send(request, timeout);
        if (future.isDone()) {
            // Answered at once (in-memory transports): handle it now, without a timer or a
            // mailbox round; we are inside the mailbox, so nothing re-enters.
            answeredAtOnce(future);
            return;
        }
        inFlight = future;
        future.whenComplete((response, error) -> post(new Answer(current, response, error)));
        timer = waits.schedule(timeout, new Expired(current));
        lease.waking(sentAt + timeout.toNanos(), sentAt);
    }

    private void answeredAtOnce(CompletableFuture<Response> future) {
        Response response;
        try {
            response = future.join();
        } catch (CompletionException | CancellationException e) {
            onAnswer(null, e);
            return;
        }
        onAnswer(response, null);
    }

    private CompletableFuture<Response> send(OutgoingRequest outgoing, Duration bound) {
        try {
            CompletableFuture<Response> future = heart.protocol().send(outgoing, bound);
            return future != null ? future
                    : CompletableFuture.failedFuture(new NullPointerException(heart.protocol() + " returned no future"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void onAnswer(Response response, Throwable error) {
        cancelTimer();
        inFlight = null;
        if (phase == Phase.DISCONNECTING) {
            LOG.debug("{} disconnect answered: {}", this, error == null ? response : error);
            finish(cancellation());
        } else if (error != null) {
            attemptFailed(unwrap(error));
        } else if (response == null) {
            attemptFailed(new NullPointerException(heart.protocol() + " completed a request with no response"));
        } else {
            received(response);
        }
    }

    private void received(Response response) {
        long now = heart.time().nanoTime();
        long roundTrip = Math.max(0, now - sentAt);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} answered in {} us after {} failed attempts: {}", this, roundTrip / 1000, attempt - 1, response);
        }
        metrics.beat(roundTrip, response.reject());
        Flight.beat(registrant(), request.target().toString(), attempt, roundTrip,
                response.reject() ? "rejected" : "accepted");
        if (response.reject()) {
            lease.rejected();
        } else {
            lease.accepted(now, response.timeout());
        }
        lastResponse = response;
        phase = Phase.IN_BEATER;
        int current = ++seq;
        if (established) {
            heart.listeners().renewed(this, response);
        }
        Duration elapsed = Duration.ofNanos(roundTrip);
        int failedBefore = attempt - 1;
        OutgoingRequest answered = request;
        dispatch(current, new BeaterCall(current, answered, response, elapsed, failedBefore, null));
    }

    private void dispatch(int current, Runnable beaterCall) {
        heart.executor().execute(beaterCall);
        if (lastDecidedSeq != current) {
            // The beater runs elsewhere and may take its time: the lease must not depend on it.
            lease.waking(Long.MAX_VALUE, heart.time().nanoTime());
        }
    }

    private void onExpired() {
        timer = null;
        lease.check(heart.time().nanoTime());
        if (phase == Phase.DELAY) {
            if (beatDelay) {
                beatDelay = false;
                late(heart.time().nanoTime() - dueAt);
            }
            sendAttempt();
        } else if (phase == Phase.IN_FLIGHT) {
            CompletableFuture<Response> late = inFlight;
            inFlight = null;
            seq++; // the cancelled future's answer is stale from now on
            late.cancel(false);
            attemptFailed(new AttemptTimeoutException(timeout));
        } else if (phase == Phase.DISCONNECTING) {
            abortWait();
            LOG.debug("{} disconnect got no answer within {}", this, heart.disconnectTimeout());
            finish(cancellation());
        }
    }

    private void late(long nanos) {
        boolean late = nanos > heart.lateBeatThreshold().toNanos();
        metrics.lateness(nanos, late);
        if (late) {
            Duration lateness = Duration.ofNanos(nanos);
            LOG.debug("{} beat sent {} ms late", this, lateness.toMillis());
            Flight.lateBeat(registrant(), request.target().toString(), lateness);
            heart.listeners().lateBeat(this, lateness);
        }
    }

    private void attemptFailed(Throwable cause) {
        beatDelay = false;
        if (causes == null) {
            causes = new ArrayList<>(retryN + 1);
        }
        causes.add(cause);
        metrics.attemptFailed(cause);
        Flight.attemptFailed(registrant(), request.target().toString(), attempt, cause);
        lease.attemptFailed();
        heart.listeners().attemptFailed(this, request, attempt, cause);
        if (attempt <= retryN) {
            waitThenSend(heart.backoff().delayBefore(attempt));
        } else {
            BeatFailedException failure = new BeatFailedException(request, causes);
            metrics.beatFailed();
            Flight.beat(registrant(), request.target().toString(), attempt, 0, "failed");
            phase = Phase.IN_BEATER;
            int current = ++seq;
            dispatch(current, new BeaterCall(current, failure.request(), null, null, 0, failure));
        }
    }

    private void disconnect() {
        if (lastSent == null) {
            finish(cancellation()); // nothing went out: there is nothing to take back
            return;
        }
        // Also when not established: the registry may have accepted a request whose answer we
        // no longer wait for, and would keep us until our deadline.
        phase = Phase.DISCONNECTING;
        int current = ++seq;
        OutgoingRequest goodbye = lastSent.asDisconnect();
        LOG.debug("{} stopped; sending disconnect", this);
        CompletableFuture<Response> future = send(goodbye, heart.disconnectTimeout());
        inFlight = future;
        future.whenComplete((response, error) -> post(new Answer(current, response, error)));
        if (!future.isDone()) {
            timer = waits.schedule(heart.disconnectTimeout(), new Expired(current));
        }
    }

    private void abortWait() {
        seq++;
        cancelTimer();
        CompletableFuture<Response> future = inFlight;
        inFlight = null;
        if (future != null) {
            future.cancel(false);
        }
    }

    private void cancelTimer() {
        TimeSource.Cancellable pendingTimer = timer;
        timer = null;
        if (pendingTimer != null) {
            pendingTimer.cancel();
        }
    }

    private CancellationException cancellation() {
        return new Stopped("beating " + id + " of " + registrant() + " was stopped");
    }

    /**
     * The outcome of a stopped beating. Without a stack trace: it says who stopped, not where,
     * and a heart closing a million beatings should not walk a million stacks.
     */
    private static final class Stopped extends CancellationException {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private void finish(Throwable cause) {
        if (phase == Phase.ENDED) {
            return;
        }
        abortWait();
        phase = Phase.ENDED;
        if (cause instanceof BeatFailedException || cause instanceof BeaterFailedException) {
            LOG.warn("{} ended: {}", this, cause.getMessage());
        } else {
            LOG.debug("{} ended: {}", this, cause == null ? "beater stopped" : cause.toString());
        }
        lease.end();
        if (established) {
            heart.listeners().disconnected(this, lastResponse, cause);
        }
        state = State.ENDED;
        heart.ended(this);
        if (cause == null) {
            announced.complete(null);
            outcome.complete(null);
        } else {
            announced.completeExceptionally(cause);
            outcome.completeExceptionally(cause);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
