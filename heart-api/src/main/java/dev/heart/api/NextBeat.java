package dev.heart.api;

import java.time.Duration;

/**
 * What every call of a {@link HeartBeater} can do: continue the beating (send the next beat), read
 * the heart's clock, and keep per-beating state. Extended by the parameter objects
 * {@link BeatAnswer} and {@link BeatFailure}.
 *
 * <p>Valid only while the beater's method runs; the last {@code send} wins. Not thread-safe: call
 * it from the thread that runs the beater.
 *
 * <p>Lease tokens ({@link LeaseToken}) are the engine's business, not the beater's: the engine
 * sends each request with the latest token its beating received from that request's registry (an
 * accepted response carrying a token replaces it, a {@link RejectReason#NOT_REGISTERED} rejection
 * clears it), and {@link #lastRequest()} is the request as the beater made it, without that token.
 */
public interface NextBeat {

    /**
     * Sends {@code request} after the plan's delay, tried as the plan's attempts say.
     *
     * @param request the next request
     * @param plan    the delay and the attempts
     * @throws NullPointerException  naming the null argument
     * @throws IllegalStateException when called after the beater's method returned
     * @throws NoTransportException  when no transport serves a new target's scheme
     */
    void send(OutgoingRequest request, AttemptPlan plan);

    /**
     * Sends {@code request} after {@code delay}.
     *
     * @param request  the next request
     * @param attempts how the beat is tried
     * @param delay    the wait before the first attempt, served by the heart's timer; zero or more
     * @throws IllegalArgumentException when {@code delay} is negative
     * @see #send(OutgoingRequest, AttemptPlan)
     */
    default void send(OutgoingRequest request, Attempts attempts, Duration delay) {
        send(request, new AttemptPlan(delay, attempts));
    }

    /**
     * Sends {@code request} at once.
     *
     * @param request  the next request
     * @param attempts how the beat is tried
     * @see #send(OutgoingRequest, AttemptPlan)
     */
    default void send(OutgoingRequest request, Attempts attempts) {
        send(request, AttemptPlan.now(attempts));
    }

    /**
     * Sends {@code request} at once, with at most {@code retries + 1} attempts of {@code timeout}
     * each: short for {@code send(request, Attempts.of(timeout, retries))}.
     *
     * @param request the next request
     * @param timeout the bound of each attempt; positive
     * @param retries retransmissions; zero or more
     */
    default void send(OutgoingRequest request, Duration timeout, int retries) {
        send(request, AttemptPlan.now(Attempts.of(timeout, retries)));
    }

    /**
     * The request this decision follows: the one the response answers, or whose attempts all
     * failed. Lets one beater drive many beatings, each resending its own request.
     *
     * @return the request last sent by this beating, as the beater made it
     */
    OutgoingRequest lastRequest();

    /**
     * This beating's context: per-beating state that starts empty with the beating and is dropped
     * when it ends.
     *
     * @return the context
     */
    BeatingContext context();

    /**
     * The heart's monotonic clock (virtual in the testkit): read time here, never from the system,
     * so that a beater runs alike in real and in virtual time.
     *
     * @return nanoseconds on the heart's clock; only differences are meaningful
     */
    long nanoTime();
}
