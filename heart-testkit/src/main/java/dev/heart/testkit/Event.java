package dev.heart.testkit;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;

/**
 * One thing a simulation saw a beating do, at {@link #at()} on the heart's clock. Values;
 * {@link Timeline#line(Event)} renders one in a short line.
 */
public sealed interface Event {

    /**
     * When it happened, on the heart's clock.
     *
     * @return the heart clock's reading (its nanoTime as a duration); never null
     */
    Duration at();

    /**
     * The beating started with this first request, timeout and retry limit.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param request the first request; not null
     * @param timeout the bound of its first attempt; not null
     * @param retries its retransmissions allowed; zero or more
     */
    record Started(Duration at, OutgoingRequest request, Duration timeout, int retries) implements Event {}

    /**
     * The engine handed one attempt to the transport.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param request the request sent; not null
     * @param deadline when the attempt times out, on the heart's clock; not null
     */
    record Sent(Duration at, OutgoingRequest request, Duration deadline) implements Event {}

    /**
     * The transport answered an attempt.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param request the request answered; not null
     * @param response the answer; not null
     */
    record Answered(Duration at, OutgoingRequest request, Response response) implements Event {}

    /**
     * The transport failed an attempt.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param request the request that failed; not null
     * @param cause the transport's error; not null
     */
    record TransportFailed(Duration at, OutgoingRequest request, Throwable cause) implements Event {}

    /**
     * The engine cancelled an attempt (timeout or stop).
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param request the request whose attempt was cancelled; not null
     */
    record Cancelled(Duration at, OutgoingRequest request) implements Event {}

    /**
     * Listener: an attempt failed.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param request the request that failed; not null
     * @param attempt which attempt of the beat failed, from 1 to {@code retries + 1}
     * @param cause why it failed; not null
     */
    record AttemptFailed(Duration at, OutgoingRequest request, int attempt, Throwable cause) implements Event {}

    /**
     * Listener: established.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param response the response that established the registration; not null
     */
    record Established(Duration at, Response response) implements Event {}

    /**
     * Listener: renewed.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param response the response that renewed it; not null
     */
    record Renewed(Duration at, Response response) implements Event {}

    /**
     * The beater was called.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param response the response the beater got; not null
     * @param roundTrip the round trip of the answered attempt; not null
     * @param retries the retransmissions the beat took; zero or more
     */
    record BeaterCalled(Duration at, Response response, Duration roundTrip, int retries) implements Event {}

    /**
     * The beater continued with this next beat (its last call of {@code send}).
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param request the next request; not null
     * @param timeout the bound of each of its attempts; not null
     * @param retries its retransmissions allowed; zero or more
     * @param delay the wait before it is sent; not null
     */
    record Continued(Duration at, OutgoingRequest request, Duration timeout, int retries, Duration delay)
            implements Event {}

    /**
     * Beater: {@code beatFailed} was called, every attempt of a beat having failed.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param failure the failure of the beat, with each attempt's cause; not null
     */
    record BeatFailed(Duration at, dev.heart.api.BeatFailedException failure) implements Event {}

    /**
     * The beater returned without continuing.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     */
    record Stopped(Duration at) implements Event {}

    /**
     * The beater threw.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param thrown what the beater threw; not null
     */
    record BeaterThrew(Duration at, Throwable thrown) implements Event {}

    /**
     * Listener: disconnected, with its cause (null when the beater stopped).
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param lastResponse the last response the beating received; not null
     * @param cause why; null when the beater stopped
     */
    record Disconnected(Duration at, Response lastResponse, Throwable cause) implements Event {}

    /**
     * The beating's outcome: {@code failure} is null when it ended normally.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration); not null
     * @param failure why the beating ended; null when it ended normally
     */
    record Outcome(Duration at, Throwable failure) implements Event {}
}
