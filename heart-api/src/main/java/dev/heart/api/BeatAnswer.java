package dev.heart.api;

import java.time.Duration;

/**
 * The parameter object of {@link HeartBeater#beat}: one registry answer and what the beater may do
 * about it. New figures may be added in later versions without breaking beaters.
 */
public interface BeatAnswer extends NextBeat {

    /**
     * The registry's answer.
     *
     * @return the response. It may be a rejection
     */
    Response response();

    /**
     * The time from send to receive of the attempt that succeeded (not of the failed attempts
     * before it). The seed calls it {@code lastTimeout}.
     *
     * @return the round trip; not negative
     */
    Duration roundTrip();

    /**
     * How many attempts of this beat failed before the one that succeeded (fail, fail, ok: 2).
     * The seed calls it {@code lastRetryN}.
     *
     * @return zero or more
     */
    int retries();

    /**
     * Whether the beating was established before this answer: the beater continued after an
     * earlier answer of it. False for the answer to a beating's first registration, so a beater
     * can tell the first answer from the later ones (the ready-made beaters spread their beats
     * there, with a random phase) without keeping state.
     *
     * @return true once the beater has continued after an earlier answer of this beating
     */
    boolean established();
}
