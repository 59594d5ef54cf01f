package dev.heart.testkit;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The events of one beating in the order the simulation saw them. A value; {@link #tail(int)} and
 * {@code toString} render the events one a short line (at most {@value #MAX_LINE} characters), for
 * assertion messages.
 *
 * @param events the events; copied
 */
public record Timeline(List<Event> events) {
    /** The longest line {@link #line(Event)} renders. */
    public static final int MAX_LINE = 160;

    /**
     * Validates and copies.
     *
     * @param events the events; copied
     */
    public Timeline {
        events = List.copyOf(Checks.notNull(events, "events"));
    }

    /**
     * The events of one type, in order.
     *
     * @param type the type
     * @param <T>  the type
     * @return the events
     */
    public <T extends Event> List<T> ofType(Class<T> type) {
        Checks.notNull(type, "type");
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The outcome, if the beating has ended.
     *
     * @return the outcome event, or empty
     */
    public Optional<Event.Outcome> outcome() {
        return ofType(Event.Outcome.class).stream().findFirst();
    }

    /**
     * At most the last {@code max} events, one a line, each indented by two spaces.
     *
     * @param max how many events at most
     * @return the lines; empty for no event
     */
    public String tail(int max) {
        StringBuilder text = new StringBuilder();
        int from = Math.max(0, events.size() - max);
        if (from > 0) {
            text.append("  ... ").append(from).append(" earlier events\n");
        }
        for (Event event : events.subList(from, events.size())) {
            text.append("  ").append(line(event)).append('\n');
        }
        return text.toString();
    }

    /**
     * One event in one line of at most {@value #MAX_LINE} characters: its time, what happened and
     * the facts that matter (registrant, deadline, retries, cause).
     *
     * @param event the event
     * @return the line
     */
    public static String line(Event event) {
        Checks.notNull(event, "event");
        String text = format(event.at()) + " " + describe(event);
        return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE - 3) + "...";
    }

    private static String describe(Event event) {
        if (event instanceof Event.Started e) {
            return "started " + request(e.request()) + " timeout " + format(e.timeout()) + " retries " + e.retries();
        } else if (event instanceof Event.Sent e) {
            return "sent " + request(e.request()) + " (attempt bound " + format(e.deadline()) + ")";
        } else if (event instanceof Event.Answered e) {
            return "answered " + response(e.response());
        } else if (event instanceof Event.TransportFailed e) {
            return "transport failed: " + cause(e.cause());
        } else if (event instanceof Event.Cancelled) {
            return "attempt cancelled (timed out or stopped)";
        } else if (event instanceof Event.AttemptFailed e) {
            return "attempt " + e.attempt() + " failed: " + cause(e.cause());
        } else if (event instanceof Event.Established e) {
            return "established: " + response(e.response());
        } else if (event instanceof Event.Renewed e) {
            return "renewed: " + response(e.response());
        } else if (event instanceof Event.BeaterCalled e) {
            return "beater.beat(" + response(e.response()) + ", roundTrip " + format(e.roundTrip()) + ", retries "
                    + e.retries() + ")";
        } else if (event instanceof Event.BeatFailed e) {
            return "beater.beatFailed(" + cause(e.failure()) + ")";
        } else if (event instanceof Event.Continued e) {
            return "  -> next " + (e.request().request().disconnect() ? "disconnect" : "beat") + " in "
                    + format(e.delay()) + ", timeout " + format(e.timeout()) + ", retries " + e.retries();
        } else if (event instanceof Event.Stopped) {
            return "  -> beater stopped";
        } else if (event instanceof Event.BeaterThrew e) {
            return "beater threw " + cause(e.thrown());
        } else if (event instanceof Event.Disconnected e) {
            return "disconnected, cause " + (e.cause() == null ? "none" : cause(e.cause()));
        } else if (event instanceof Event.Outcome e) {
            return "OUTCOME " + (e.failure() == null ? "ended normally" : cause(e.failure()));
        }
        return event.toString();
    }

    private static String request(OutgoingRequest request) {
        return request.request().registrant().id() + (request.request().disconnect() ? " disconnect" : " beat") + " -> "
                + request.target();
    }

    private static String response(Response response) {
        return response.reject()
                ? "REJECTED " + response.rejectReason()
                : "accepted, deadline " + format(response.timeout());
    }

    private static String cause(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' '));
    }

    /**
     * A duration as seconds with milliseconds, {@code 12.345s}: always seconds, so lines line up.
     *
     * @param duration the duration
     * @return the text
     */
    public static String format(Duration duration) {
        return String.format(Locale.ROOT, "%.3fs", duration.toNanos() / 1e9);
    }

    @Override
    public String toString() {
        return "Timeline[\n" + tail(60) + "]";
    }
}
