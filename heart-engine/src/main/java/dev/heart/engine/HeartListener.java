package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import org.jspecify.annotations.Nullable;

/**
 * Hears what a beating does. Every method has an empty default, so a listener overrides only what
 * it needs.
 *
 * <p>Calls for one beating are never concurrent and arrive in order; calls for different beatings
 * may be. A listener must be quick: it runs on the beating's thread of the moment (timer,
 * transport or executor). A listener that throws is logged at WARN and does not break the loop.
 * No call of a beating happens after its outcome is known.
 */
public interface HeartListener {

    /**
     * An attempt failed: the transport reported an error or the attempt's timeout passed. Called
     * for every failed attempt, the last one of a beat included.
     *
     * @param beating the beating
     * @param request what was sent
     * @param attempt which attempt of the beat failed, from 1 to {@code retries + 1}
     * @param cause   why
     */
    default void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {}

    /**
     * A response reached the beater: called for every response, accepted or rejected, of every
     * beat, before the beater sees it (after {@link #renewed} for an established beating). For
     * metrics: round-trip timers, retry counters, rejections by reason.
     *
     * @param beating   the beating
     * @param response  the response
     * @param roundTrip send to receive of the attempt that got it (the beater's
     *                  {@code lastRoundTrip}); zero or more, on the heart's clock
     * @param retries   failed attempts of this beat before it (the beater's {@code lastRetryN});
     *                  zero or more
     */
    default void answered(Beating beating, Response response, java.time.Duration roundTrip, int retries) {}

    /**
     * The beating is established: the beater continued for the first time. Called once.
     *
     * @param beating  the beating
     * @param response the response the beater continued from
     */
    default void established(Beating beating, Response response) {}

    /**
     * A later response arrived; called before the beater sees it.
     *
     * @param beating  the beating
     * @param response the response
     */
    default void renewed(Beating beating, Response response) {}

    /**
     * An established beating ended. Called exactly once per established beating, on every path,
     * and never for a beating that was not established; it is the beating's last listener call.
     *
     * @param beating      the beating
     * @param lastResponse the last response received
     * @param cause        the outcome itself, the very object {@link Beating#completion()} completes
     *                     with: null when the beater did not continue; the
     *                     {@link dev.heart.api.BeatFailedException} of a beat whose attempts all
     *                     failed; the {@link dev.heart.api.BeaterFailedException} when the beater
     *                     threw; a {@link BeatingStoppedException} when the application stopped it
     *                     (called after the disconnect request was answered, failed or timed out);
     *                     a {@link dev.heart.api.HeartException} on an internal error
     */
    default void disconnected(Beating beating, Response lastResponse, @Nullable Throwable cause) {}

    /**
     * The registration's health changed.
     *
     * @param beating  the beating
     * @param previous the health before
     * @param current  the health now; never equal to {@code previous}
     */
    default void healthChanged(Beating beating, Health previous, Health current) {}

    /**
     * A beat was sent later than it was due by more than the heart's late-beat threshold: a GC
     * pause, a starved executor, a suspended machine.
     *
     * @param beating  the beating
     * @param lateness how late; positive
     */
    default void lateBeat(Beating beating, java.time.Duration lateness) {}
}
