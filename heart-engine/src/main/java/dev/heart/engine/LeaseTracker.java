package dev.heart.engine;

import java.time.Duration;

/**
 * Follows a beating's registration from its monotonic clock: each accepted response sets a
 * deadline (receipt plus the registry's timeout); a third of the lease before it the health turns
 * AT_RISK, at it LOST, whether or not any answer comes. One timer at most, armed lazily: a beat
 * that moves the deadline later does not touch the timer, which re-arms itself when it fires.
 *
 * <p>Confined to the beating's actor.
 */
final class LeaseTracker {
    private final BeatingRun run;
    private volatile Health health = Health.UNREGISTERED;
    private boolean tracking;
    private long deadline;
    private long atRiskAt;
    private TimeSource.Cancellable timer;
    private int generation;

    LeaseTracker(BeatingRun run) {
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
            long lease = timeout.toNanos();
            deadline = now + lease;
            atRiskAt = deadline - lease / 3;
            tracking = true;
            if (timer == null) {
                arm(now, atRiskAt);
            }
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

    /** The timer of {@code armedGeneration} fired at {@code now}. */
    void check(int armedGeneration, long now) {
        if (armedGeneration != generation) {
            return;
        }
        timer = null;
        if (!tracking) {
            return;
        }
        if (now - deadline >= 0) {
            tracking = false;
            to(Health.LOST);
        } else if (now - atRiskAt >= 0) {
            if (health == Health.HEALTHY) {
                to(Health.AT_RISK);
            }
            arm(now, deadline);
        } else {
            arm(now, atRiskAt);
        }
    }

    void end() {
        tracking = false;
        cancelTimer();
        to(Health.UNREGISTERED);
    }

    private void arm(long now, long at) {
        int armed = ++generation;
        timer = run.scheduleLeaseCheck(Duration.ofNanos(Math.max(0, at - now)), armed);
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
