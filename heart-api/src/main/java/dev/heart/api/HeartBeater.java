package dev.heart.api;

import java.time.Duration;

/**
 * Decides each next beat of a beating: the controller a user writes.
 *
 * <p>After every successful exchange the engine calls {@link #beat} with one parameter object. To
 * go on, the beater calls one of its {@code send} methods before it returns; to stop, it returns
 * without calling any. If it calls several times, the last call wins. A call after {@code beat} has
 * returned is refused with {@link IllegalStateException}: the decision is synchronous.
 *
 * <p>Instead of sleeping inside {@code beat}, a beater passes a delay
 * ({@link NextBeat#send(OutgoingRequest, AttemptPlan)}): the engine's timer serves the wait, and a
 * waiting heart holds no thread. A beater that never blocks says so ({@link #neverBlocks()}) and
 * the engine calls it without a worker thread.
 *
 * <p>A beater shared by several beatings is called concurrently for different beatings, never
 * concurrently for the same one. What it remembers per beating belongs in
 * {@link NextBeat#context()}, which starts empty with each beating and dies with it.
 */
@FunctionalInterface
public interface HeartBeater {

    /**
     * Decides the next beat after an answer.
     *
     * @param answer the response, its round trip and retries, the heart's clock, the beating's
     *               context and the continuation; valid only until this method returns
     * @throws RuntimeException to end the beating; the engine reports it as the cause of a
     *                          {@link BeaterFailedException}
     */
    void beat(BeatAnswer answer);

    /**
     * Every attempt of a beat failed. By default the beating ends with the failure, as in the
     * original; a beater that rides through failures (a backoff, another registry) sends again
     * here instead, and the beating goes on.
     *
     * @param failure the failed beat with the cause of every attempt, the heart's clock, the
     *                beating's context and the continuation; valid only until this
     *                method returns
     * @throws RuntimeException to end the beating; the engine reports it as the cause of a
     *                          {@link BeaterFailedException}
     */
    default void beatFailed(BeatFailure failure) {}

    /**
     * Whether this beater never blocks: it neither sleeps, waits on a lock held for long, nor does
     * I/O inside its methods. Then the engine calls it on the thread that runs the beating's loop
     * at that moment (the one that received the answer: a transport's I/O thread, the timer, or
     * the caller that started the beating), with no worker thread; a beater that says so and
     * blocks anyway stalls other beatings. Default false: calls go to the heart's executor.
     *
     * @return true when every call returns promptly without blocking
     */
    default boolean neverBlocks() {
        return false;
    }

    /**
     * How to send the first beat of a registration started without an explicit first plan (see
     * the engine's {@code Heart.register}). Default: at once, at most 3 attempts of 2 s each.
     *
     * @param first the registration's first request
     * @return the first beat's plan
     */
    default AttemptPlan firstPlan(OutgoingRequest first) {
        return AttemptPlan.now(Attempts.of(Duration.ofSeconds(2), 2));
    }
}
