package dev.heart.testkit;

import dev.heart.api.Checks;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import dev.heart.engine.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Captures one beating's whole timeline: attempts and their answers (through {@link #protocol}),
 * beater calls and decisions (through {@link #beater}), listener events (it is a
 * {@link HeartListener}) and the outcome (through {@link #start}). Check it with
 * {@link Invariants} or {@link #assertInvariants()}.
 *
 * <pre>{@code
 * Recorder recorder = Recorder.create(time);
 * Heart heart = Heart.builder(recorder.beater(beater)).protocol(recorder.protocol(mem))
 *         .listener(recorder).timeSource(time).executor(Runnable::run).build();
 * Beating beating = recorder.start(heart, first, Duration.ofSeconds(1), 2);
 * }</pre>
 *
 * <p>Use one recorder per beating. Thread-safe.
 */
public final class Recorder implements HeartListener {
    private final TimeSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Event> events = new ArrayList<>();

    private Recorder(TimeSource clock) {
        this.clock = clock;
    }

    /**
     * A new recorder stamping events with {@code clock}, the heart's.
     *
     * @param clock not null
     */
    public static Recorder create(TimeSource clock) {
        return new Recorder(Checks.notNull(clock, "clock"));
    }

    /** The events so far; never null, a snapshot. */
    public Timeline timeline() {
        lock.lock();
        try {
            return new Timeline(events);
        } finally {
            lock.unlock();
        }
    }

    /** Checks every timeline invariant of {@link Invariants} that applies to an ended beating. */
    public void assertInvariants() {
        Invariants.assertTimeline(timeline());
    }

    /** {@code delegate}, recording every attempt and what became of it. */
    public RequestProtocol protocol(RequestProtocol delegate) {
        Checks.notNull(delegate, "delegate");
        return new RequestProtocol() {
            @Override
            public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
                add(new Event.Sent(now(), request, deadline));
                CompletableFuture<Response> future = delegate.send(request, deadline);
                future.whenComplete((response, error) -> add(answer(request, response, error)));
                return future;
            }

            @Override
            public void close() {
                delegate.close();
            }

            @Override
            public String toString() {
                return "Recording" + delegate;
            }
        };
    }

    private Event answer(OutgoingRequest request, Response response, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            return new Event.Answered(now(), request, response);
        }
        return cause instanceof CancellationException ? new Event.Cancelled(now(), request)
                : new Event.TransportFailed(now(), request, cause);
    }

    /** {@code delegate}, recording each call and the decision it made. */
    public HeartBeater beater(HeartBeater delegate) {
        Checks.notNull(delegate, "delegate");
        return (response, lastRoundTrip, lastRetryN, next) -> {
            add(new Event.BeaterCalled(now(), response, lastRoundTrip, lastRetryN));
            Event.Continued[] decision = new Event.Continued[1];
            NextBeat recording = (request, timeout, retryN, delay) -> {
                next.send(request, timeout, retryN, delay);
                decision[0] = new Event.Continued(now(), request, timeout, retryN, delay);
            };
            try {
                delegate.beat(response, lastRoundTrip, lastRetryN, recording);
            } catch (RuntimeException | Error e) {
                add(new Event.BeaterThrew(now(), e));
                throw e;
            }
            add(decision[0] != null ? decision[0] : new Event.Stopped(now()));
        };
    }

    /**
     * Starts a beating on {@code heart} and records its start and outcome.
     *
     * @see Heart#start
     */
    public Beating start(Heart heart, OutgoingRequest first, Duration timeout, int retryN) {
        Checks.notNull(heart, "heart");
        add(new Event.Started(now(), Checks.notNull(first, "first"), Checks.positive(timeout, "timeout"),
                Checks.notNegative(retryN, "retryN")));
        Beating beating = heart.start(first, timeout, retryN);
        beating.completion().whenComplete((ignored, failure) -> add(new Event.Outcome(now(),
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure)));
        return beating;
    }

    @Override
    public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
        add(new Event.AttemptFailed(now(), request, attempt, cause));
    }

    @Override
    public void established(Beating beating, Response response) {
        add(new Event.Established(now(), response));
    }

    @Override
    public void renewed(Beating beating, Response response) {
        add(new Event.Renewed(now(), response));
    }

    @Override
    public void disconnected(Beating beating, Response lastResponse, Throwable cause) {
        add(new Event.Disconnected(now(), lastResponse, cause));
    }

    private Duration now() {
        return Duration.ofNanos(clock.nanoTime());
    }

    private void add(Event event) {
        lock.lock();
        try {
            events.add(event);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Recorder[" + timeline().events().size() + " events]";
    }
}
