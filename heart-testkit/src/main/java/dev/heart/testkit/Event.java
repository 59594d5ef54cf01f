package dev.heart.testkit;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;

/**
 * One thing a simulation saw a beating do, at {@link #at()} on the heart's clock. Values;
 * {@link Timeline#line(Event)} renders one in a short line.
 */
public sealed interface Event {

    /** When it happened, on the heart's clock. */
    Duration at();

    /** The beating started with this first request, timeout and retry limit. */
    record Started(Duration at, OutgoingRequest request, Duration timeout, int retryN) implements Event {
    }

    /** The engine handed one attempt to the transport. */
    record Sent(Duration at, OutgoingRequest request, Duration deadline) implements Event {
    }

    /** The transport answered an attempt. */
    record Answered(Duration at, OutgoingRequest request, Response response) implements Event {
    }

    /** The transport failed an attempt. */
    record TransportFailed(Duration at, OutgoingRequest request, Throwable cause) implements Event {
    }

    /** The engine cancelled an attempt (timeout or stop). */
    record Cancelled(Duration at, OutgoingRequest request) implements Event {
    }

    /** Listener: an attempt failed. */
    record AttemptFailed(Duration at, OutgoingRequest request, int attempt, Throwable cause) implements Event {
    }

    /** Listener: established. */
    record Established(Duration at, Response response) implements Event {
    }

    /** Listener: renewed. */
    record Renewed(Duration at, Response response) implements Event {
    }

    /** The beater was called. */
    record BeaterCalled(Duration at, Response response, Duration lastRoundTrip, int lastRetryN) implements Event {
    }

    /** The beater continued with this next beat (its last call of {@code send}). */
    record Continued(Duration at, OutgoingRequest request, Duration timeout, int retryN, Duration delay)
            implements Event {
    }

    /** Beater: {@code beatFailed} was called, every attempt of a beat having failed. */
    record BeatFailed(Duration at, dev.heart.api.BeatFailedException failure) implements Event {
    }

    /** The beater returned without continuing. */
    record Stopped(Duration at) implements Event {
    }

    /** The beater threw. */
    record BeaterThrew(Duration at, Throwable thrown) implements Event {
    }

    /** Listener: disconnected, with its cause (null when the beater stopped). */
    record Disconnected(Duration at, Response lastResponse, Throwable cause) implements Event {
    }

    /** The beating's outcome: {@code failure} is null when it ended normally. */
    record Outcome(Duration at, Throwable failure) implements Event {
    }
}
