package dev.heart.api;

import java.time.Duration;

/**
 * Decides each next beat of a beating: the controller a user writes.
 *
 * <p>After every successful exchange the engine calls {@link #beat}. To go on, the beater calls
 * {@link NextBeat#send} on {@code next} before it returns; to stop, it returns without calling it.
 * If it calls it several times, the last call wins. A call after {@code beat} has returned is
 * refused with {@link IllegalStateException}: the decision is synchronous.
 *
 * <p>Instead of sleeping inside {@code beat}, a beater should pass a delay to
 * {@link NextBeat#send(OutgoingRequest, Duration, int, Duration)}: the engine's timer then serves
 * the wait, and a waiting heart holds no thread. A beater that blocks anyway does not stall other
 * hearts, but holds a thread of the heart's executor while it blocks.
 *
 * <p>A beater shared by several beatings is called concurrently for different beatings, never
 * concurrently for the same one.
 */
@FunctionalInterface
public interface HeartBeater {

    /**
     * Decides the next beat.
     *
     * @param response      the registry's answer; never null. It may be a rejection
     * @param lastRoundTrip the time from send to receive of the attempt that succeeded (not of
     *                      the failed attempts before it); never null, not negative
     * @param lastRetryN    how many attempts of this beat failed before the one that succeeded
     * @param next          the continuation; never null, valid only until this method returns
     * @throws RuntimeException to end the beating; the engine reports it as the cause of a
     *                          {@link BeaterFailedException}
     */
    void beat(Response response, Duration lastRoundTrip, int lastRetryN, NextBeat next);

    /**
     * Every attempt of a beat failed. By default the beating ends with {@code failure}, as in the
     * original; a beater that fails over (to a candidate registry, after a backoff) calls
     * {@code next} here instead, and the beating goes on.
     *
     * @param failure the failed beat, with the cause of every attempt; never null
     * @param next    the continuation; never null, valid only until this method returns
     * @throws RuntimeException to end the beating; the engine reports it as the cause of a
     *                          {@link BeaterFailedException}
     */
    default void beatFailed(BeatFailedException failure, NextBeat next) {
    }
}
