package dev.heart.bench.e2;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram of how late beats were, thread-safe and allocation-free when recording: 10 us buckets
 * up to 100 ms, 1 ms buckets up to 10 s, one bucket beyond. Percentiles are reported as the upper
 * bound of their bucket. E3 records beats' round trips with it.
 */
public final class Lateness {
    private static final long FINE_US = 10;
    private static final long FINE_LIMIT_US = 100_000;
    private static final long COARSE_US = 1000;
    private static final long COARSE_LIMIT_US = 10_000_000;
    private static final int FINE_BUCKETS = (int) (FINE_LIMIT_US / FINE_US);
    private static final int BUCKETS = FINE_BUCKETS + (int) ((COARSE_LIMIT_US - FINE_LIMIT_US) / COARSE_US) + 1;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong maxNanos = new AtomicLong();
    private final LongAdder beats = new LongAdder();

    /** Records one beat {@code lateNanos} behind its due time; early counts as on time. */
    public void record(long lateNanos) {
        long late = Math.max(0, lateNanos);
        counts.incrementAndGet(bucket(late / 1000));
        beats.increment();
        long max = maxNanos.get();
        while (late > max && !maxNanos.compareAndSet(max, late)) {
            max = maxNanos.get();
        }
    }

    /** Counts a beat that has no due time (a registrant's first). */
    void unscheduled() {
        beats.increment();
    }

    public long beats() {
        return beats.sum();
    }

    public long maxNanos() {
        return maxNanos.get();
    }

    /** A copy of the counts, to diff against a later one. */
    public long[] snapshot() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    /** {@code now - before}, bucket by bucket. */
    public static long[] since(long[] now, long[] before) {
        long[] diff = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            diff[i] = now[i] - before[i];
        }
        return diff;
    }

    public static long total(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /**
     * The {@code percent} percentile in milliseconds, as its bucket's upper bound; NaN when
     * nothing was recorded. Values beyond 10 s are reported as 10 s.
     */
    public static double percentileMillis(long[] counts, double percent) {
        long total = total(counts);
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return upperMicros(i) / 1000.0;
            }
        }
        return COARSE_LIMIT_US / 1000.0;
    }

    private static int bucket(long micros) {
        if (micros < FINE_LIMIT_US) {
            return (int) (micros / FINE_US);
        }
        if (micros < COARSE_LIMIT_US) {
            return FINE_BUCKETS + (int) ((micros - FINE_LIMIT_US) / COARSE_US);
        }
        return BUCKETS - 1;
    }

    private static long upperMicros(int bucket) {
        if (bucket < FINE_BUCKETS) {
            return (bucket + 1) * FINE_US;
        }
        if (bucket < BUCKETS - 1) {
            return FINE_LIMIT_US + (bucket - FINE_BUCKETS + 1) * COARSE_US;
        }
        return COARSE_LIMIT_US;
    }
}
