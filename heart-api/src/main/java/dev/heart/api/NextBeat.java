package dev.heart.api;

import java.time.Duration;

/**
 * The continuation handed to {@link HeartBeater#beat}: calling it schedules the next beat.
 *
 * <p>Valid only while {@code beat} runs; the last call wins. Not thread-safe: call it from the
 * thread that runs {@code beat}.
 *
 * <p>Lease tokens ({@link LeaseToken}) are the engine's business, not the beater's: the engine's
 * continuations send a request with the latest token its beating received (an accepted response
 * carrying a token replaces it, a {@link RejectReason#NOT_REGISTERED} rejection clears it), and
 * {@link #lastRequest()} is the request as the beater made it, without that token.
 */
public interface NextBeat {

    /**
     * Sends {@code request} at once.
     *
     * @param request what to send, and where; not null
     * @param timeout the bound of each attempt; positive
     * @param retryN  how many attempts may follow a failed one; 0 or more
     * @see #send(OutgoingRequest, Duration, int, Duration)
     */
    default void send(OutgoingRequest request, Duration timeout, int retryN) {
        send(request, timeout, retryN, Duration.ZERO);
    }

    /**
     * Sends {@code request} after {@code delay}, with at most {@code retryN + 1} attempts each
     * bounded by {@code timeout}.
     *
     * @param request the next request; not null
     * @param timeout the bound of each attempt; positive
     * @param retryN  how many retransmissions after a failed attempt; zero or more
     * @param delay   the wait before the first attempt, served by the heart's timer; zero or more
     * @throws NullPointerException     naming the null argument
     * @throws IllegalArgumentException naming the argument out of range
     * @throws IllegalStateException    when called after {@code beat} returned
     */
    void send(OutgoingRequest request, Duration timeout, int retryN, Duration delay);

    /**
     * The request this decision follows: the one the response answers, or whose attempts all
     * failed. Lets one beater drive many beatings, each resending its own request. The engine's
     * continuations always know it; the default, for continuations written by hand, does not.
     *
     * @return the request last sent by this beating; never null
     * @throws UnsupportedOperationException when this continuation does not know it
     */
    default OutgoingRequest lastRequest() {
        throw new UnsupportedOperationException(getClass().getName() + " does not know the last request");
    }
}
