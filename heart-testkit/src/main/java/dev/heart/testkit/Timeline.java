package dev.heart.testkit;

import dev.heart.api.Checks;
import java.util.List;
import java.util.Optional;

/**
 * The events of one beating in the order a {@link Recorder} saw them. A value; its
 * {@code toString} lists the events, one a line, for assertion messages.
 *
 * @param events the events; not null, copied
 */
public record Timeline(List<Event> events) {

    /** Validates and copies. */
    public Timeline {
        events = List.copyOf(Checks.notNull(events, "events"));
    }

    /** The events of one type, in order; never null. */
    public <T extends Event> List<T> ofType(Class<T> type) {
        Checks.notNull(type, "type");
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The outcome, if the beating has ended. */
    public Optional<Event.Outcome> outcome() {
        return ofType(Event.Outcome.class).stream().findFirst();
    }

    /** At most the last {@code max} events, one a line. */
    public String tail(int max) {
        StringBuilder text = new StringBuilder();
        int from = Math.max(0, events.size() - max);
        if (from > 0) {
            text.append("  ... ").append(from).append(" earlier events\n");
        }
        for (Event event : events.subList(from, events.size())) {
            text.append("  ").append(event).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "Timeline[\n" + tail(60) + "]";
    }
}
