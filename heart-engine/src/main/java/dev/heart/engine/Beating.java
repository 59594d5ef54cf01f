package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on one beating: a registration made with {@link Heart#register}, or a beating started
 * with {@link Heart#start}. It exposes the registration's health, figures and outcome; closing it
 * leaves the registry (one bounded disconnect). Thread-safe.
 */
public interface Beating extends AutoCloseable {

    /** Where a beating is in its life. */
    enum State {
        /** Sending the first beat; the beater has not continued yet. */
        CONNECTING,
        /** The beater has continued at least once. */
        ESTABLISHED,
        /** Stopped; sending the disconnect or waiting for the beater to return. */
        STOPPING,
        /** The outcome is known: {@link #completion()} is complete. */
        ENDED
    }

    /**
     * A number unique among the beatings of this JVM, for logs and listeners.
     *
     * @return this beating's id, positive, unique in this JVM
     */
    long id();

    /**
     * The request the beating started with
     *
     * @return the first request sent
     */
    OutgoingRequest initialRequest();

    /**
     * The current state
     *
     * @return the state at the moment of the call
     */
    State state();

    /**
     * The registration's health, as this beating knows it from its clock
     *
     * @return the health at the moment of the call
     */
    Health health();

    /**
     * A snapshot of this beating's figures
     *
     * @return a new snapshot
     */
    BeatingStats stats();

    /**
     * Stops the beating. The current wait ends at once: a delay is dropped, an attempt in flight is
     * cancelled in the transport. Whenever any request of this beating went out (established or
     * not: the registry may have accepted a request whose answer never came), one disconnect
     * request is sent ({@code disconnect = true}, with the latest lease token), a single attempt
     * bounded by the heart's disconnect timeout; its answer or failure changes nothing. If the
     * beater is deciding at that moment, this happens when it returns, whatever it decided. Then
     * the beating completes with a {@link BeatingStoppedException}: {@link #completion()}
     * completes exceptionally with it and, for an established beating,
     * {@link HeartListener#disconnected} receives it. Not an error: nothing is logged above DEBUG.
     * Idempotent, and does nothing once the beating has ended; does not block.
     */
    void stop();

    /**
     * A new future completed with the outcome: normally when the beater stopped; exceptionally
     * with a {@link dev.heart.api.BeatFailedException}, a
     * {@link dev.heart.api.BeaterFailedException}, a {@link BeatingStoppedException} when stopped
     * ({@link #stop()}, an interrupted {@link Heart#runBeating}, {@link Heart#close()}), or a
     * {@link dev.heart.api.HeartException} when the engine broke on an internal error. Nothing of the beating runs
     * after it completes. Completing or cancelling the returned future does not affect the beating.
     *
     * @return a new future of the outcome
     */
    CompletableFuture<Void> completion();

    /**
     * Stops the beating ({@link #stop()}) and waits until it has ended: its one disconnect attempt
     * is bounded by the heart's disconnect timeout, and a beater deciding at that moment is waited
     * for. Idempotent; an interrupt while waiting is kept for the caller. With a virtual time source,
     * where time moves only when the test moves it, call {@link #stop()} and advance time until
     * {@link #completion()} is done instead.
     */
    @Override
    void close();
}
