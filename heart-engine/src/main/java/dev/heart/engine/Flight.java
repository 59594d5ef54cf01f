package dev.heart.engine;

import java.time.Duration;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * heart's JDK Flight Recorder events (their fields are set by the emitter after construction, so
 * are null before). Each emitter first asks whether its event type is enabled,
 * so a heart without a recording pays one volatile read per event.
 *
 * <p>{@code dev.heart.Beat}, one event per beat, is off unless a recording enables it: it costs
 * about as much as the rest of the engine's work per beat (about 100 ns, mostly writing its three
 * strings), and at tens of thousands of beats a second it would fill a continuous recording. The
 * rare events (failed attempts, health changes, late beats) are on in every recording.
 */
final class Flight {
    private static final EventType BEAT = EventType.getEventType(BeatEvent.class);
    private static final EventType ATTEMPT_FAILED = EventType.getEventType(AttemptFailedEvent.class);
    private static final EventType HEALTH = EventType.getEventType(HealthEvent.class);
    private static final EventType LATE = EventType.getEventType(LateBeatEvent.class);

    private Flight() {}

    static void beat(String registrant, String target, int attempts, long roundTripNanos, String outcome) {
        if (BEAT.isEnabled()) {
            BeatEvent event = new BeatEvent();
            event.registrant = registrant;
            event.target = target;
            event.attempts = attempts;
            event.roundTrip = roundTripNanos;
            event.outcome = outcome;
            event.commit();
        }
    }

    static void attemptFailed(String registrant, String target, int attempt, Throwable cause) {
        if (ATTEMPT_FAILED.isEnabled()) {
            AttemptFailedEvent event = new AttemptFailedEvent();
            event.registrant = registrant;
            event.target = target;
            event.attempt = attempt;
            event.cause = String.valueOf(cause);
            event.commit();
        }
    }

    static void health(String registrant, Health from, Health to) {
        if (HEALTH.isEnabled()) {
            HealthEvent event = new HealthEvent();
            event.registrant = registrant;
            event.from = from.name();
            event.to = to.name();
            event.commit();
        }
    }

    static void lateBeat(String registrant, String target, Duration lateness) {
        if (LATE.isEnabled()) {
            LateBeatEvent event = new LateBeatEvent();
            event.registrant = registrant;
            event.target = target;
            event.lateness = lateness.toNanos();
            event.commit();
        }
    }

    @Name("dev.heart.Beat")
    @Label("Heart Beat")
    @Category("Heart")
    @Description("One beat: the attempts it took and how it ended (off unless enabled: one event a beat)")
    @StackTrace(false)
    @Enabled(false)
    static final class BeatEvent extends Event {
        @Label("Registrant")
        @Nullable
        String registrant;

        @Label("Target")
        @Nullable
        String target;

        @Label("Attempts")
        int attempts;

        @Label("Round Trip")
        @Timespan(Timespan.NANOSECONDS)
        long roundTrip;

        @Label("Outcome")
        @Description("accepted, rejected or failed")
        @Nullable
        String outcome;
    }

    @Name("dev.heart.AttemptFailed")
    @Label("Heart Attempt Failed")
    @Category("Heart")
    @StackTrace(false)
    static final class AttemptFailedEvent extends Event {
        @Label("Registrant")
        @Nullable
        String registrant;

        @Label("Target")
        @Nullable
        String target;

        @Label("Attempt")
        int attempt;

        @Label("Cause")
        @Nullable
        String cause;
    }

    @Name("dev.heart.HealthChange")
    @Label("Heart Health Change")
    @Category("Heart")
    @StackTrace(false)
    static final class HealthEvent extends Event {
        @Label("Registrant")
        @Nullable
        String registrant;

        @Label("From")
        @Nullable
        String from;

        @Label("To")
        @Nullable
        String to;
    }

    @Name("dev.heart.LateBeat")
    @Label("Heart Late Beat")
    @Category("Heart")
    @Description("A beat sent later than it was due: a GC pause or a starved executor")
    @StackTrace(false)
    static final class LateBeatEvent extends Event {
        @Label("Registrant")
        @Nullable
        String registrant;

        @Label("Target")
        @Nullable
        String target;

        @Label("Lateness")
        @Timespan(Timespan.NANOSECONDS)
        long lateness;
    }
}
