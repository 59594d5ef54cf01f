package dev.heart.testkit;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Whether a beater's backoff starts over after each recovery, read from a simulation's timelines. */
final class Backoffs {
    private Backoffs() {}

    /**
     * The first beating whose beater, at a failed beat with no trouble before it since the start of
     * the beating or since the last accepted answer (no failed beat, no rejection), chose to wait
     * longer than {@code firstWait}, as a message; null when none did.
     */
    static @Nullable String notReset(SimulationResult run, Duration firstWait) {
        for (SimulationResult.BeatingResult beating : run.beatings()) {
            List<Event> events = beating.timeline().events();
            Duration since = null; // the accepted answer the streak should have started over from; null: the start
            boolean fresh = true;
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                if (event instanceof Event.BeaterCalled called) {
                    fresh = !called.response().reject(); // a rejection is trouble too: it may count in the streak
                    since = fresh ? called.at() : since;
                } else if (event instanceof Event.BeatFailed failed) {
                    Event.Continued decision = fresh ? decision(events, i) : null;
                    if (decision != null && decision.delay().compareTo(firstWait) > 0) {
                        Duration from = since == null ? Duration.ZERO : since;
                        return beating.registrant().id() + ": its first failed beat "
                                + (since == null
                                        ? "of the beating"
                                        : "after the accepted answer at " + Timeline.format(since))
                                + " (at " + Timeline.format(failed.at()) + ") is retried after "
                                + Timeline.format(decision.delay()) + ", more than the first step "
                                + Timeline.format(firstWait) + "\n  its backoff did not start over: is its failure"
                                + " streak kept across recoveries (or beatings)? its timeline from "
                                + Timeline.format(from) + ":\n" + between(events, from, decision.at());
                    }
                    fresh = false;
                }
            }
        }
        return null;
    }

    /** The beater's decision after the beat failed at {@code index}: its next send, or null when it stopped. */
    private static Event.@Nullable Continued decision(List<Event> events, int index) {
        for (Event event : events.subList(index + 1, events.size())) {
            if (event instanceof Event.Continued continued) {
                return continued;
            }
            if (event instanceof Event.Stopped || event instanceof Event.BeaterThrew) {
                return null;
            }
        }
        return null;
    }

    private static String between(List<Event> events, Duration from, Duration to) {
        StringBuilder text = new StringBuilder();
        List<Event> window = events.stream()
                .filter(e -> e.at().compareTo(from) >= 0 && e.at().compareTo(to) <= 0)
                .toList();
        for (Event event : window.subList(Math.max(0, window.size() - 30), window.size())) {
            text.append("  ").append(Timeline.line(event)).append('\n');
        }
        return text.toString();
    }
}
