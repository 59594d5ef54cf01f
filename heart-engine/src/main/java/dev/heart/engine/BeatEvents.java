package dev.heart.engine;

import dev.heart.api.BeatFailedException;
import dev.heart.api.BeaterFailedException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The fan-out of one beating's events: each goes to the stats ({@link BeatingMetrics}), JFR
 * ({@link Flight}), the lease ({@link LeaseTracker}), the logs and the listeners, in that order.
 * Called by the {@link AttemptLoop} only, inside its mailbox: confined to the beating's actor,
 * except {@link #health()} and {@link #stats}, which read what the actor publishes.
 */
final class BeatEvents implements LeaseTracker.Owner {
    private static final Logger LOG = EngineLog.BEATING;

    private final HeartRuntime heart;
    private final BeatingRun run;
    private final BeatingMetrics metrics;
    private final LeaseTracker lease = new LeaseTracker(this);
    private boolean everRegistered;

    BeatEvents(HeartRuntime heart, BeatingRun run) {
        this.heart = heart;
        this.run = run;
        this.metrics = new BeatingMetrics(heart.metrics());
    }

    Health health() {
        return lease.health();
    }

    BeatingStats stats(Beating.State state) {
        return metrics.snapshot(state, lease.health());
    }

    /**
     * A response reached the beating, {@code roundTrip} after it was sent, at {@code attempt};
     * {@code held} is the lease token the request went out with (null: none).
     */
    void received(
            OutgoingRequest request,
            dev.heart.api.@Nullable LeaseToken held,
            int attempt,
            long roundTrip,
            long now,
            Response response) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} answered in {} us after {} failed attempts: {}", run, roundTrip / 1000, attempt - 1, response);
        }
        metrics.beat(roundTrip, response.reject());
        Flight.beat(
                run.registrant(),
                request.target().toString(),
                attempt,
                roundTrip,
                response.reject() ? "rejected" : "accepted");
        Health before = lease.health();
        if (response.reject()) {
            if (before == Health.HEALTHY || before == Health.AT_RISK) {
                heart.logs().rejected(run, request, response);
            }
            lease.rejected();
        } else {
            if (before == Health.UNREGISTERED || before == Health.LOST || newToken(held, response)) {
                heart.logs().registered(run, request, response, everRegistered);
                everRegistered = true;
            }
            lease.accepted(now, response.timeout());
        }
    }

    /**
     * Whether an acceptance carries a lease token other than the one the request held: the
     * registry registered us anew (it had forgotten us, e.g. after a restart), which is logged as
     * "registered again" even though the beating never saw a rejection.
     */
    private static boolean newToken(dev.heart.api.@Nullable LeaseToken held, Response response) {
        dev.heart.api.LeaseToken given = response.token();
        return held != null && given != null && !given.matches(held);
    }

    /** A response goes to the beater, {@code roundTrip} after it was sent, after {@code retries} failed attempts. */
    void answered(Response response, Duration roundTrip, int retries) {
        heart.listeners().answered(run, response, roundTrip, retries);
    }

    void renewed(Response response) {
        heart.listeners().renewed(run, response);
    }

    void established(Response response) {
        heart.listeners().established(run, response);
    }

    void attemptFailed(OutgoingRequest request, int attempt, Throwable cause) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} attempt {} failed: {}", run, attempt, cause.toString());
        }
        metrics.attemptFailed(cause);
        Flight.attemptFailed(run.registrant(), request.target().toString(), attempt, cause);
        lease.attemptFailed();
        heart.listeners().attemptFailed(run, request, attempt, cause);
    }

    void beatFailed(BeatFailedException failure, int attempts) {
        metrics.beatFailed();
        Flight.beat(run.registrant(), failure.request().target().toString(), attempts, 0, "failed");
        heart.logs().beatFailed(run, failure);
    }

    /** A delayed beat went out {@code nanos} after its due time. */
    void sentAfterDelay(OutgoingRequest request, long nanos) {
        boolean late = nanos > heart.lateBeatThreshold().toNanos();
        metrics.lateness(nanos, late);
        if (late) {
            Duration lateness = Duration.ofNanos(nanos);
            LOG.debug("{} beat sent {} ms late", run, lateness.toMillis());
            Flight.lateBeat(run.registrant(), request.target().toString(), lateness);
            heart.listeners().lateBeat(run, lateness);
        }
    }

    // ---- the lease ----

    /** The beating will next wake up at {@code at} ({@link Long#MAX_VALUE}: not known). */
    void waking(long at, long now) {
        lease.waking(at, now);
    }

    void check(long now) {
        lease.check(now);
    }

    void leaseTimerFired(int generation, long now) {
        lease.timerFired(generation, now);
    }

    @Override
    public TimeSource.Cancellable scheduleLeaseCheck(Duration delay, int generation) {
        return heart.time().schedule(delay, () -> run.mailbox().post(new LoopEvent.LeaseCheck(generation)));
    }

    @Override
    public void healthChanged(Health previous, Health current) {
        Flight.health(run.registrant(), previous, current);
        if (current == Health.LOST) {
            heart.logs().lost(run);
        }
        heart.listeners().healthChanged(run, previous, current);
    }

    /** The beating ended with {@code cause} (null: the beater stopped). */
    void ended(@Nullable Throwable cause, boolean established, @Nullable Response lastResponse) {
        if (cause instanceof BeatFailedException || cause instanceof BeaterFailedException) {
            heart.logs().ended(run, cause);
        } else {
            LOG.debug("{} ended: {}", run, cause == null ? "the beater stopped" : cause.getMessage());
        }
        lease.end();
        if (established && lastResponse != null) { // established: a response came
            heart.listeners().disconnected(run, lastResponse, cause);
        }
    }
}
