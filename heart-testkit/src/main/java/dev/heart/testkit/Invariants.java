package dev.heart.testkit;

import dev.heart.api.Checks;
import java.time.Duration;
import java.util.List;

/**
 * Invariants of a beating, as plain methods usable from any test: each throws an
 * {@link AssertionError} whose message says what broke, where, and shows the events around it.
 */
public final class Invariants {
    private static final int CONTEXT = 25;

    private Invariants() {
    }

    /**
     * Every timeline invariant that applies to an ended beating: {@link #exactlyOneOutcome},
     * {@link #disconnectedIffEstablished}, {@link #atMostRetryNPlusOneAttemptsPerBeat},
     * {@link #lastRetryNCountsFailedAttempts}.
     */
    public static void assertTimeline(Timeline timeline) {
        exactlyOneOutcome(timeline);
        disconnectedIffEstablished(timeline);
        atMostRetryNPlusOneAttemptsPerBeat(timeline);
        lastRetryNCountsFailedAttempts(timeline);
    }

    /**
     * Exactly one outcome, and no listener, beater or send event after it (nothing of a beating
     * runs after its outcome is known).
     */
    public static void exactlyOneOutcome(Timeline timeline) {
        Checks.notNull(timeline, "timeline");
        List<Event.Outcome> outcomes = timeline.ofType(Event.Outcome.class);
        if (outcomes.size() != 1) {
            fail("expected exactly one outcome, found " + outcomes.size(), timeline);
        }
        int index = timeline.events().indexOf(outcomes.get(0));
        for (Event event : timeline.events().subList(index + 1, timeline.events().size())) {
            if (!(event instanceof Event.Answered || event instanceof Event.TransportFailed
                    || event instanceof Event.Cancelled)) {
                fail("event after the outcome: " + event, timeline);
            }
        }
    }

    /**
     * At most one established event; once ended, exactly one disconnected event if and only if the
     * beating was established, after it, with a null cause if and only if the outcome is normal.
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
        if (!disconnected.isEmpty() && timeline.events().indexOf(disconnected.get(0))
                < timeline.events().indexOf(established.get(0))) {
            fail("disconnected before established", timeline);
        }
        timeline.outcome().ifPresent(outcome -> {
            if (disconnected.size() != established.size()) {
                fail("the beating ended " + (established.isEmpty() ? "unestablished" : "established") + " with "
                        + disconnected.size() + " disconnected event(s)", timeline);
            }
            if (!disconnected.isEmpty() && (disconnected.get(0).cause() == null) != (outcome.failure() == null)) {
                fail("disconnected cause " + disconnected.get(0).cause() + " does not match the outcome "
                        + outcome.failure(), timeline);
            }
        });
    }

    /**
     * Each beat makes at most {@code retryN + 1} attempts, {@code retryN} being the limit the beat
     * was sent with; an ended beating sends at most one disconnect, and only once established.
     */
    public static void atMostRetryNPlusOneAttemptsPerBeat(Timeline timeline) {
        Checks.notNull(timeline, "timeline");
        int budget = Integer.MAX_VALUE - 1;
        int attempts = 0;
        int disconnects = 0;
        Event beatStart = null;
        for (Event event : timeline.events()) {
            if (event instanceof Event.Started started) {
                budget = started.retryN();
                attempts = 0;
                beatStart = event;
            } else if (event instanceof Event.Continued continued) {
                budget = continued.retryN();
                attempts = 0;
                beatStart = event;
            } else if (event instanceof Event.Sent sent) {
                if (sent.request().request().disconnect() && !(beatStart instanceof Event.Continued
                        && ((Event.Continued) beatStart).request().request().disconnect())) {
                    disconnects++;
                    if (disconnects > 1 || timeline.ofType(Event.Established.class).isEmpty()) {
                        fail("disconnect #" + disconnects + " sent at " + sent.at()
                                + (disconnects > 1 ? "" : " by a beating never established"), timeline);
                    }
                } else if (++attempts > budget + 1) {
                    fail("the beat started at " + beatStart.at() + " with retryN = " + budget + " made " + attempts
                            + " attempts, more than retryN + 1", timeline);
                }
            }
        }
    }

    /**
     * The beater's {@code lastRetryN} is the number of failed attempts of that beat before the one
     * that succeeded.
     */
    public static void lastRetryNCountsFailedAttempts(Timeline timeline) {
        Checks.notNull(timeline, "timeline");
        int failed = 0;
        for (Event event : timeline.events()) {
            if (event instanceof Event.Started || event instanceof Event.Continued) {
                failed = 0;
            } else if (event instanceof Event.AttemptFailed) {
                failed++;
            } else if (event instanceof Event.BeaterCalled called && called.lastRetryN() != failed) {
                fail("the beater was told lastRetryN = " + called.lastRetryN() + " at " + called.at() + " after "
                        + failed + " failed attempt(s)", timeline);
            }
        }
    }

    /**
     * While the registry is healthy, no gap between a registrant's accepted beats exceeds the
     * deadline the registry gave with the first of them. A gap is excused when any request
     * delivered within it met a fault. When {@code until} is not null (the beating was still
     * running then), the gap from the last accepted beat to {@code until} counts too.
     *
     * @param arrivals     what the registry saw, {@link FakeRegistry#arrivals()}; not null
     * @param deliveries   the faults met, {@link MemBinding#deliveries()}; not null
     * @param registrantId whose beats to check; not null
     * @param until        the end of the observation while the beating ran; may be null
     */
    public static void noGapExceedsDeadline(List<FakeRegistry.Arrival> arrivals, List<Delivery> deliveries,
            String registrantId, Duration until) {
        Checks.notNull(arrivals, "arrivals");
        Checks.notNull(deliveries, "deliveries");
        Checks.notNull(registrantId, "registrantId");
        FakeRegistry.Arrival previous = null;
        for (FakeRegistry.Arrival arrival : arrivals) {
            if (!arrival.accepted() || !arrival.registrantId().equals(registrantId)) {
                continue;
            }
            if (previous != null) {
                checkGap(previous, arrival.at(), deliveries, arrivals);
            }
            previous = arrival;
        }
        if (previous != null && until != null) {
            checkGap(previous, until, deliveries, arrivals);
        }
    }

    private static void checkGap(FakeRegistry.Arrival from, Duration to, List<Delivery> deliveries,
            List<FakeRegistry.Arrival> arrivals) {
        Duration gap = to.minus(from.at());
        Duration deadline = from.response().timeout();
        if (gap.compareTo(deadline) <= 0) {
            return;
        }
        for (Delivery delivery : deliveries) {
            if (!delivery.fault().isNone() && delivery.at().compareTo(from.at()) >= 0 && delivery.at().compareTo(to) <= 0) {
                return;
            }
        }
        StringBuilder around = new StringBuilder();
        arrivals.stream().filter(a -> a.at().compareTo(from.at()) >= 0 && a.at().compareTo(to) <= 0).limit(CONTEXT)
                .forEach(a -> around.append("  ").append(a).append('\n'));
        throw new AssertionError(from.registrantId() + ": no fault, yet " + gap + " passed between the accepted beat at "
                + from.at() + " and " + to + ", more than the deadline " + deadline + " the registry gave; arrivals:\n"
                + around);
    }

    private static void fail(String what, Timeline timeline) {
        throw new AssertionError(what + "; timeline:\n" + timeline.tail(CONTEXT));
    }
}
