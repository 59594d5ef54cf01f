package dev.heart.engine;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Follows a beating's registration from its monotonic clock: each accepted response sets a
 * deadline (receipt plus the registry's timeout); a quarter of the lease before it the health
 * turns AT_RISK, at it LOST, whether or not any answer comes.
 *
 * <p>It arms a timer of its own only when it must: the beating tells it when it will wake up
 * anyway ({@link #waking}: a delay or an attempt timeout), and every wake-up checks the lease
 * ({@link #check}). So a heart that beats in time never needs the lease timer; one whose next
 * wake-up comes after the lease's next instant (a beater that waits too long, a blocked beater,
 * a long attempt timeout) gets it.
 *
 * <p>Confined to the beating's actor.
 */
final class LeaseTracker {
    /** What the tracker needs from its beating. */
    interface Owner {
        /** Posts a lease check of {@code generation} to the beating after {@code delay}. */
        TimeSource.Cancellable scheduleLeaseCheck(Duration delay, int generation);

        /** The health went from {@code previous} to {@code current}. */
        void healthChanged(Health previous, Health current);
    }

    private static final long NEVER = Long.MAX_VALUE;

    private final Owner run;
    private volatile Health health = Health.UNREGISTERED;
    private boolean tracking;
    private long deadline;
    private long atRiskAt;
    private long wakeAt = NEVER;
    private TimeSource.@Nullable Cancellable timer;
    private long timerAt;
    private int generation;

    LeaseTracker(Owner run) {
        this.run = run;
    }

    Health health() {
        return health;
    }

    void accepted(long now, Duration timeout) {
        if (timeout.isZero()) {
            tracking = false;
            cancelTimer();
        } else {
            long lease = Limits.saturatedNanos(timeout); // from the network: saturated, never an overflow
            deadline = now + lease;
            atRiskAt = deadline - lease / 4;
            tracking = true;
        }
        to(Health.HEALTHY);
    }

    void rejected() {
        tracking = false;
        cancelTimer();
        to(Health.UNREGISTERED);
    }

    void attemptFailed() {
        if (health == Health.HEALTHY) {
            to(Health.AT_RISK);
        }
    }

    /** The beating will next wake up at {@code at} ({@link Long#MAX_VALUE}: not known). */
    void waking(long at, long now) {
        wakeAt = at;
        armIfNeeded(now);
    }

    /** Checks the lease at {@code now}: on every wake-up of the beating, and when its own timer fires. */
    void check(long now) {
        if (!tracking) {
            return;
        }
        if (now - deadline >= 0) {
            tracking = false;
            cancelTimer();
            to(Health.LOST);
        } else if (now - atRiskAt >= 0 && health == Health.HEALTHY) {
            to(Health.AT_RISK);
        }
    }

    /** The lease timer of {@code armedGeneration} fired at {@code now}. */
    void timerFired(int armedGeneration, long now) {
        if (armedGeneration != generation) {
            return;
        }
        timer = null;
        check(now);
        armIfNeeded(now);
    }

    void end() {
        tracking = false;
        cancelTimer();
        to(Health.UNREGISTERED);
    }

    /** Arms the lease timer when the beating's next wake-up comes after the lease's next instant. */
    private void armIfNeeded(long now) {
        if (!tracking) {
            return;
        }
        long next = health == Health.HEALTHY && now - atRiskAt < 0 ? atRiskAt : deadline;
        if (wakeAt != NEVER && wakeAt - next <= 0) {
            return; // the beating wakes first, and checks then
        }
        if (timer != null && timerAt - next <= 0) {
            return;
        }
        cancelTimer();
        int armed = ++generation;
        timerAt = next;
        timer = run.scheduleLeaseCheck(Duration.ofNanos(Math.max(0, next - now)), armed);
    }

    private void cancelTimer() {
        generation++;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void to(Health next) {
        Health previous = health;
        if (previous != next) {
            health = next;
            run.healthChanged(previous, next);
        }
    }
}
