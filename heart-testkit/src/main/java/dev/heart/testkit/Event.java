package dev.heart.testkit;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One thing a simulation saw a beating do, at {@link #at()} on the heart's clock. Values;
 * {@link Timeline#line(Event)} renders one in a short line.
 */
public sealed interface Event {

    /**
     * When it happened, on the heart's clock.
     *
     * @return the heart clock's reading (its nanoTime as a duration)
     */
    Duration at();

    /**
     * The beating started with this first request, timeout and retry limit.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param request the first request
     * @param timeout the bound of its first attempt
     * @param retries its retransmissions allowed; zero or more
     */
    record Started(Duration at, OutgoingRequest request, Duration timeout, int retries) implements Event {}

    /**
     * The engine handed one attempt to the transport.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param request the request sent
     * @param deadline when the attempt times out, on the heart's clock
     */
    record Sent(Duration at, OutgoingRequest request, Duration deadline) implements Event {}

    /**
     * The transport answered an attempt.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param request the request answered
     * @param response the answer
     */
    record Answered(Duration at, OutgoingRequest request, Response response) implements Event {}

    /**
     * The transport failed an attempt.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param request the request that failed
     * @param cause the transport's error
     */
    record TransportFailed(Duration at, OutgoingRequest request, Throwable cause) implements Event {}

    /**
     * The engine cancelled an attempt (timeout or stop).
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param request the request whose attempt was cancelled
     */
    record Cancelled(Duration at, OutgoingRequest request) implements Event {}

    /**
     * Listener: an attempt failed.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param request the request that failed
     * @param attempt which attempt of the beat failed, from 1 to {@code retries + 1}
     * @param cause why it failed
     */
    record AttemptFailed(Duration at, OutgoingRequest request, int attempt, Throwable cause) implements Event {}

    /**
     * Listener: established.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param response the response that established the registration
     */
    record Established(Duration at, Response response) implements Event {}

    /**
     * Listener: renewed.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param response the response that renewed it
     */
    record Renewed(Duration at, Response response) implements Event {}

    /**
     * The beater was called.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param response the response the beater got
     * @param roundTrip the round trip of the answered attempt
     * @param retries the retransmissions the beat took; zero or more
     */
    record BeaterCalled(Duration at, Response response, Duration roundTrip, int retries) implements Event {}

    /**
     * The beater continued with this next beat (its last call of {@code send}).
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param request the next request
     * @param timeout the bound of each of its attempts
     * @param retries its retransmissions allowed; zero or more
     * @param delay the wait before it is sent
     */
    record Continued(Duration at, OutgoingRequest request, Duration timeout, int retries, Duration delay)
            implements Event {}

    /**
     * Beater: {@code beatFailed} was called, every attempt of a beat having failed.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param failure the failure of the beat, with each attempt's cause
     */
    record BeatFailed(Duration at, dev.heart.api.BeatFailedException failure) implements Event {}

    /**
     * The beater returned without continuing.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     */
    record Stopped(Duration at) implements Event {}

    /**
     * The beater threw.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param thrown what the beater threw
     */
    record BeaterThrew(Duration at, Throwable thrown) implements Event {}

    /**
     * Listener: disconnected, with its cause (null when the beater stopped).
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param lastResponse the last response the beating received
     * @param cause why; null when the beater stopped
     */
    record Disconnected(
            Duration at, Response lastResponse, @Nullable Throwable cause) implements Event {}

    /**
     * The beating's outcome: {@code failure} is null when it ended normally.
     *
     * @param at when, as the heart's clock read (its nanoTime as a duration)
     * @param failure why the beating ended; null when it ended normally
     */
    record Outcome(Duration at, @Nullable Throwable failure) implements Event {}
}
