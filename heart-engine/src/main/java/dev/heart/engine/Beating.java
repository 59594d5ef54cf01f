package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on one beating started with {@link Heart#start}. Thread-safe.
 */
public interface Beating {

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

    /** A number unique among the beatings of this JVM, for logs and listeners. */
    long id();

    /** The request the beating started with; never null. */
    OutgoingRequest initialRequest();

    /** The current state; never null. */
    State state();

    /** The registration's health, as this beating knows it from its clock; never null. */
    Health health();

    /** A snapshot of this beating's figures; never null. */
    BeatingStats stats();

    /**
     * Stops the beating: the current wait ends at once; an established beating sends one bounded
     * disconnect attempt, then completes as cancelled. Idempotent; does not block.
     */
    void stop();

    /**
     * A new future completed with the outcome: normally when the beater stopped; exceptionally
     * with a {@link dev.heart.api.BeatFailedException}, a
     * {@link dev.heart.api.BeaterFailedException}, or a
     * {@link java.util.concurrent.CancellationException} when stopped. Nothing of the beating runs
     * after it completes. Completing or cancelling the returned future does not affect the beating.
     */
    CompletableFuture<Void> completion();
}
