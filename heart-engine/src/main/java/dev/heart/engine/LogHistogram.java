package dev.heart.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of nanosecond values: 8 linear sub-buckets per power of two, so a
 * percentile is within about 6% of the truth. Fixed size (4 KiB), one atomic add per sample.
 */
final class LogHistogram {
    private static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    private final AtomicLongArray counts = new AtomicLongArray(64 * SUB);

    void record(long nanos) {
        counts.incrementAndGet(bucket(Math.max(0, nanos)));
    }

    static int bucket(long value) {
        if (value < SUB) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    /** The upper bound of a bucket's values. */
    static long upperBound(int bucket) {
        if (bucket < SUB) {
            return bucket;
        }
        int exponent = bucket / SUB + SUB_BITS - 1;
        long sub = bucket % SUB;
        long low = (1L << exponent) | (sub << (exponent - SUB_BITS));
        return low + (1L << (exponent - SUB_BITS)) - 1;
    }

    Percentiles percentiles() {
        long[] snapshot = new long[counts.length()];
        long total = 0;
        int top = -1;
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
            if (snapshot[i] > 0) {
                top = i;
            }
        }
        if (total == 0) {
            return Percentiles.NONE;
        }
        return new Percentiles(
                total, at(snapshot, total, 0.50), at(snapshot, total, 0.99), Duration.ofNanos(upperBound(top)));
    }

    private static Duration at(long[] snapshot, long total, double quantile) {
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < snapshot.length; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return Duration.ofNanos(upperBound(i));
            }
        }
        throw new AssertionError("rank beyond total");
    }
}
