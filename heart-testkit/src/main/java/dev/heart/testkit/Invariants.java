package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Invariants of a beating, as plain methods usable from any test: each throws an
 * {@link AssertionError} whose message says what broke, where, and shows the events around it.
 */
public final class Invariants {
    private static final int CONTEXT = 25;

    private Invariants() {}

    /**
     * Every timeline invariant that applies to an ended beating: {@link #sendsOnlyItsOwnRequests},
     * {@link #exactlyOneOutcome}, {@link #disconnectedIffEstablished},
     * {@link #atMostRetriesPlusOneAttemptsPerBeat}, {@link #retriesCountFailedAttempts}.
     *
     * @param timeline an ended beating's timeline
     */
    public static void assertTimeline(Timeline timeline) {
        sendsOnlyItsOwnRequests(timeline);
        exactlyOneOutcome(timeline);
        disconnectedIffEstablished(timeline);
        atMostRetriesPlusOneAttemptsPerBeat(timeline);
        retriesCountFailedAttempts(timeline);
    }

    /**
     * A beating sends only its own registrant's requests: every request its beater continues with,
     * and every request it sends, names the registrant (id and service type) of the beating's first
     * request. A beater that drives several registrants and keeps a request in state shared between
     * them (the last one seen, the first one registered) breaks it; the message names both
     * registrants.
     *
     * @param timeline a beating's timeline
     * @throws AssertionError naming the beating's registrant, the other one and when, with the timeline's tail
     */
    public static void sendsOnlyItsOwnRequests(Timeline timeline) {
        Checks.notNull(timeline, "timeline");
        List<Event.Started> started = timeline.ofType(Event.Started.class);
        if (started.isEmpty()) {
            return;
        }
        dev.heart.api.RegistrantInfo own = started.get(0).request().request().registrant();
        List<Event> events = timeline.events();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            dev.heart.api.OutgoingRequest request = event instanceof Event.Continued continued
                    ? continued.request()
                    : event instanceof Event.Sent sent ? sent.request() : null;
            if (request == null) {
                continue;
            }
            dev.heart.api.RegistrantInfo other = request.request().registrant();
            if (!other.id().equals(own.id()) || !other.serviceType().equals(own.serviceType())) {
                StringBuilder before = new StringBuilder();
                for (Event earlier : events.subList(Math.max(0, i - CONTEXT + 1), i + 1)) {
                    before.append("  ").append(Timeline.line(earlier)).append('\n');
                }
                throw new AssertionError("the beating of " + name(own) + " "
                        + (event instanceof Event.Sent ? "sent" : "was continued with") + " a request of another "
                        + "registrant, " + name(other) + ", at " + Timeline.format(event.at()) + "\n  a beating sends"
                        + " only its own registrant's requests: is a request kept in state shared between registrants?"
                        + "\n  its timeline up to it:\n" + before);
            }
        }
    }

    private static String name(dev.heart.api.RegistrantInfo registrant) {
        return registrant.id() + " (" + registrant.serviceType() + ")";
    }

    /**
     * Exactly one outcome, and no listener, beater or send event after it (nothing of a beating
     * runs after its outcome is known).
     *
     * @param timeline an ended beating's timeline
     * @throws AssertionError when it does not hold, with the timeline's tail
     */
    public static void exactlyOneOutcome(Timeline timeline) {
        Checks.notNull(timeline, "timeline");
        List<Event.Outcome> outcomes = timeline.ofType(Event.Outcome.class);
        if (outcomes.size() != 1) {
            fail("expected exactly one outcome, found " + outcomes.size(), timeline);
        }
        int index = timeline.events().indexOf(outcomes.get(0));
        for (Event event :
                timeline.events().subList(index + 1, timeline.events().size())) {
            if (!(event instanceof Event.Answered
                    || event instanceof Event.TransportFailed
                    || event instanceof Event.Cancelled)) {
                fail("event after the outcome: " + event, timeline);
            }
        }
    }

    /**
     * At most one established event; once ended, exactly one disconnected event if and only if the
     * beating was established, after it, with a null cause if and only if the outcome is normal.
     *
     * @param timeline an ended beating's timeline
     * @throws AssertionError when it does not hold, with the timeline's tail
     */
    public static void disconnectedIffEstablished(Timeline timeline) {
        Checks.notNull(timeline, "timeline");
        List<Event.Established> established = timeline.ofType(Event.Established.class);
        List<Event.Disconnected> disconnected = timeline.ofType(Event.Disconnected.class);
        if (established.size() > 1) {
            fail("established " + established.size() + " times", timeline);
        }
        if (disconnected.size() > established.size()) {
            fail(disconnected.size() + " disconnected event(s) for " + established.size() + " established", timeline);
        }
        if (!disconnected.isEmpty()
                && timeline.events().indexOf(disconnected.get(0))
                        < timeline.events().indexOf(established.get(0))) {
            fail("disconnected before established", timeline);
        }
        timeline.outcome().ifPresent(outcome -> {
            if (disconnected.size() != established.size()) {
                fail(
                        "the beating ended " + (established.isEmpty() ? "unestablished" : "established") + " with "
                                + disconnected.size() + " disconnected event(s)",
                        timeline);
            }
            if (!disconnected.isEmpty() && (disconnected.get(0).cause() == null) != (outcome.failure() == null)) {
                fail(
                        "disconnected cause " + disconnected.get(0).cause() + " does not match the outcome "
                                + outcome.failure(),
                        timeline);
            }
        });
    }

    /**
     * Each beat makes at most {@code retries + 1} attempts, {@code retries} being the limit the beat
     * was sent with; an ended beating sends at most one disconnect, and only once established.
     *
     * @param timeline a beating's timeline
     * @throws AssertionError when it does not hold, with the timeline's tail
     */
    public static void atMostRetriesPlusOneAttemptsPerBeat(Timeline timeline) {
        Checks.notNull(timeline, "timeline");
        int budget = Integer.MAX_VALUE - 1;
        int attempts = 0;
        int disconnects = 0;
        @Nullable Event beatStart = null;
        for (Event event : timeline.events()) {
            if (event instanceof Event.Started started) {
                budget = started.retries();
                attempts = 0;
                beatStart = event;
            } else if (event instanceof Event.Continued continued) {
                budget = continued.retries();
                attempts = 0;
                beatStart = event;
            } else if (event instanceof Event.Sent sent) {
                if (sent.request().request().disconnect()
                        && !(beatStart instanceof Event.Continued
                                && ((Event.Continued) beatStart)
                                        .request()
                                        .request()
                                        .disconnect())) {
                    disconnects++;
                    if (disconnects > 1
                            || timeline.ofType(Event.Established.class).isEmpty()) {
                        fail(
                                "disconnect #" + disconnects + " sent at " + sent.at()
                                        + (disconnects > 1 ? "" : " by a beating never established"),
                                timeline);
                    }
                } else if (++attempts > budget + 1) {
                    fail(
                            "the beat started at " + (beatStart == null ? "(no start recorded)" : beatStart.at())
                                    + " with retries = " + budget + " made " + attempts
                                    + " attempts, more than retries + 1",
                            timeline);
                }
            }
        }
    }

    /**
     * The beater's {@code retries} is the number of failed attempts of that beat before the one
     * that succeeded.
     *
     * @param timeline a beating's timeline
     * @throws AssertionError when it does not hold, with the timeline's tail
     */
    public static void retriesCountFailedAttempts(Timeline timeline) {
        Checks.notNull(timeline, "timeline");
        int failed = 0;
        for (Event event : timeline.events()) {
            if (event instanceof Event.Started || event instanceof Event.Continued) {
                failed = 0;
            } else if (event instanceof Event.AttemptFailed) {
                failed++;
            } else if (event instanceof Event.BeaterCalled called && called.retries() != failed) {
                fail(
                        "the beater was told retries = " + called.retries() + " at " + called.at() + " after " + failed
                                + " failed attempt(s)",
                        timeline);
            }
        }
    }

    /**
     * No gap between a registrant's accepted beats, nor from its last accepted beat to the stop
     * while its beating still ran, is longer than the deadline the registry gave with the first
     * of them, unless the faults within it explain it:
     * <ul>
     *   <li>the registry crashed and restarted (it forgot everyone);</li>
     *   <li>a partition, or a pause of the registrant, lasted past the end of that deadline;</li>
     *   <li>a whole beat was lost: every one of its attempts met a fault (more consecutive lost
     *       attempts than the beat's budget of {@code retries + 1});</li>
     *   <li>the registry rejected a request without a reason ({@link Fault#reject()}), which the
     *       beater handles by its own policy.</li>
     * </ul>
     * A lost attempt the beat's retries cover, a late answer, a "not registered" rejection, or the
     * network's ordinary latency explain nothing.
     *
     * @param run          the simulation
     * @param registrantId whose beats to check
     * @throws AssertionError naming the gap, the deadline and the events around it
     */
    public static void noUnexplainedGap(SimulationResult run, String registrantId) {
        Checks.notNull(run, "run");
        Checks.notNull(registrantId, "registrantId");
        SimulationResult.BeatingResult beating = run.beatings().stream()
                .filter(b -> b.registrant().id().equals(registrantId))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("no registrant " + registrantId + " in " + run.scenario()));
        FakeRegistry.Arrival previous = null;
        for (FakeRegistry.Arrival arrival : run.arrivals()) {
            if (arrival.accepted() && arrival.registrantId().equals(registrantId)) {
                if (previous != null) {
                    checkGap(run, beating, previous, arrival.at());
                }
                previous = arrival;
            }
        }
        if (previous != null && beating.runningAtStop()) {
            checkGap(run, beating, previous, run.stoppedAt());
        }
    }

    private static void checkGap(
            SimulationResult run, SimulationResult.BeatingResult beating, FakeRegistry.Arrival from, Duration to) {
        Duration deadline = from.response().timeout();
        if (to.minus(from.at()).compareTo(deadline) <= 0 || Gaps.explained(run, beating, from.at(), to, deadline)) {
            return;
        }
        StringBuilder around = new StringBuilder();
        for (Event event : beating.timeline().events()) {
            if (event.at().compareTo(from.at()) >= 0 && event.at().compareTo(to) <= 0 && around.length() < 4_000) {
                around.append("  ").append(Timeline.line(event)).append('\n');
            }
        }
        throw new AssertionError(from.registrantId() + ": " + Timeline.format(to.minus(from.at()))
                + " passed between its accepted beat at " + Timeline.format(from.at()) + " and "
                + Timeline.format(to) + ", more than the deadline " + Timeline.format(deadline)
                + " the registry gave,\nand no fault explains it; its timeline in between:\n" + around);
    }

    private static void fail(String what, Timeline timeline) {
        throw new AssertionError(what + "; timeline:\n" + timeline.tail(CONTEXT));
    }
}
