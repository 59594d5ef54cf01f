package dev.heart.bench.e3;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.bench.e2.Lateness;
import dev.heart.engine.Beating;
import dev.heart.engine.HeartListener;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What E3's heart hears, through the public {@link HeartListener}: the round trip of every
 * accepted answer (send to receive of the attempt that got it, on the heart's clock), the beatings
 * established, the rejections and the failed attempts. Thread-safe, allocation-free per beat.
 */
final class RoundTrips implements HeartListener {
    private final Lateness accepted = new Lateness();
    private final LongAdder established = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final AtomicLongArray rejectedBy = new AtomicLongArray(RejectReason.values().length);
    private final LongAdder failedAttempts = new LongAdder();

    @Override
    public void answered(Beating beating, Response response, Duration roundTrip, int retries) {
        if (response.reject()) {
            rejected.increment();
            rejectedBy.incrementAndGet(
                    Objects.requireNonNull(response.rejectReason()).ordinal());
        } else {
            accepted.record(roundTrip.toNanos());
        }
    }

    @Override
    public void established(Beating beating, Response response) {
        established.increment();
    }

    @Override
    public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
        failedAttempts.increment();
    }

    /** The rejections so far, by reason (those with none left out). */
    Map<RejectReason, Long> rejectedByReason() {
        Map<RejectReason, Long> by = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            long count = rejectedBy.get(reason.ordinal());
            if (count > 0) {
                by.put(reason, count);
            }
        }
        return by;
    }

    long established() {
        return established.sum();
    }

    /** The counts so far, to diff against later ones. */
    Snapshot snapshot() {
        return new Snapshot(accepted.snapshot(), rejected.sum(), failedAttempts.sum());
    }

    /**
     * Counts at one moment.
     *
     * @param roundTrips     the accepted answers' round trips, by bucket
     * @param rejected       rejected answers
     * @param failedAttempts attempts that failed
     */
    record Snapshot(long[] roundTrips, long rejected, long failedAttempts) {

        /**
         * {@code TRIPS <accepted> <p99 ms> <rejected> <failed attempts>} since {@code before}.
         */
        String since(Snapshot before) {
            long[] trips = Lateness.since(roundTrips, before.roundTrips);
            return "TRIPS " + Lateness.total(trips) + " " + Lateness.percentileMillis(trips, 99) + " "
                    + (rejected - before.rejected) + " " + (failedAttempts - before.failedAttempts);
        }
    }
}
