package dev.heart.testkit;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.BeatingContext;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.TimeSource;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Captures one beating's timeline: attempts and their answers ({@link #sent}, {@link #answered}),
 * every beater call and its decision ({@link #beater}, which forwards every {@link HeartBeater}
 * method, and a {@link NextBeat} that forwards every method of its own), listener events and the
 * outcome ({@link #start}). Internal: {@link Simulation} wires one per registrant. Thread-safe.
 */
final class Recorder {
    private final TimeSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Event> events = new ArrayList<>();

    Recorder(TimeSource clock) {
        this.clock = Checks.notNull(clock, "clock");
    }

    Timeline timeline() {
        lock.lock();
        try {
            return new Timeline(events);
        } finally {
            lock.unlock();
        }
    }

    void sending(OutgoingRequest request, Duration deadline) {
        add(new Event.Sent(now(), request, deadline));
    }

    void sent(OutgoingRequest request, CompletableFuture<Response> future) {
        future.whenComplete((response, error) -> answered(request, response, error));
    }

    private void answered(OutgoingRequest request, Response response, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            add(new Event.Answered(now(), request, response));
        } else {
            add(
                    cause instanceof CancellationException
                            ? new Event.Cancelled(now(), request)
                            : new Event.TransportFailed(now(), request, cause));
        }
    }

    /** {@code delegate}, recording each call of each of its methods and the decision it made. */
    HeartBeater beater(HeartBeater delegate) {
        return new RecordingBeater(Checks.notNull(delegate, "delegate"));
    }

    Beating start(Heart heart, OutgoingRequest first, Duration timeout, int retries) {
        add(new Event.Started(now(), first, timeout, retries));
        Beating beating = heart.start(first, timeout, retries);
        beating.completion()
                .whenComplete((ignored, failure) -> add(new Event.Outcome(
                        now(),
                        failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure)));
        return beating;
    }

    void attemptFailed(OutgoingRequest request, int attempt, Throwable cause) {
        add(new Event.AttemptFailed(now(), request, attempt, cause));
    }

    void established(Response response) {
        add(new Event.Established(now(), response));
    }

    void renewed(Response response) {
        add(new Event.Renewed(now(), response));
    }

    void disconnected(Response lastResponse, @Nullable Throwable cause) {
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

    /** Forwards every {@link HeartBeater} method (a test fails when one is added and not here). */
    final class RecordingBeater implements HeartBeater {
        private final HeartBeater delegate;

        RecordingBeater(HeartBeater delegate) {
            this.delegate = delegate;
        }

        @Override
        public void beat(BeatAnswer answer) {
            add(new Event.BeaterCalled(now(), answer.response(), answer.roundTrip(), answer.retries()));
            RecordingNext recording = new RecordingNext(answer, null);
            call(() -> delegate.beat(recording), recording);
        }

        @Override
        public void beatFailed(BeatFailure failure) {
            add(new Event.BeatFailed(now(), failure.failure()));
            RecordingNext recording = new RecordingNext(failure, failure);
            call(() -> delegate.beatFailed(recording), recording);
        }

        @Override
        public boolean neverBlocks() {
            return delegate.neverBlocks();
        }

        @Override
        public AttemptPlan firstPlan(OutgoingRequest first) {
            return delegate.firstPlan(first);
        }

        private void call(Runnable call, RecordingNext recording) {
            try {
                call.run();
            } catch (RuntimeException | Error e) {
                add(new Event.BeaterThrew(now(), e));
                throw e;
            }
            add(recording.decision != null ? recording.decision : new Event.Stopped(now()));
        }

        @Override
        public String toString() {
            return "Recording[" + delegate + "]";
        }
    }

    /** Forwards every method of the beater's parameter object and remembers the last decision. */
    final class RecordingNext implements BeatAnswer, BeatFailure {
        private final NextBeat next;
        private final @Nullable BeatFailure failure;
        private Event.@Nullable Continued decision;

        RecordingNext(NextBeat next, @Nullable BeatFailure failure) {
            this.next = next;
            this.failure = failure;
        }

        @Override
        public void send(OutgoingRequest request, AttemptPlan plan) {
            next.send(request, plan);
            decision = new Event.Continued(
                    now(), request, plan.attempts().timeout(), plan.attempts().retries(), plan.delay());
        }

        @Override
        public void send(OutgoingRequest request, Attempts attempts, Duration delay) {
            send(request, new AttemptPlan(delay, attempts));
        }

        @Override
        public void send(OutgoingRequest request, Attempts attempts) {
            send(request, AttemptPlan.now(attempts));
        }

        @Override
        public void send(OutgoingRequest request, Duration timeout, int retries) {
            send(request, AttemptPlan.now(Attempts.of(timeout, retries)));
        }

        @Override
        public OutgoingRequest lastRequest() {
            return next.lastRequest();
        }

        @Override
        public BeatingContext context() {
            return next.context();
        }

        @Override
        public long nanoTime() {
            return next.nanoTime();
        }

        @Override
        public Response response() {
            return ((BeatAnswer) next).response();
        }

        @Override
        public Duration roundTrip() {
            return ((BeatAnswer) next).roundTrip();
        }

        @Override
        public int retries() {
            return ((BeatAnswer) next).retries();
        }

        @Override
        public boolean established() {
            return ((BeatAnswer) next).established();
        }

        @Override
        public BeatFailedException failure() {
            // a failure's recording: the beater sees it as a BeatFailure only
            return Objects.requireNonNull(failure).failure();
        }
    }
}
