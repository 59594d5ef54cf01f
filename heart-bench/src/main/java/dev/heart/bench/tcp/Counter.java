package dev.heart.bench.tcp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Exchanges completed by a background run (hearts or raw peers), and a bounded wait for the next
 * {@code n}. The waiting thread parks 1 ms between looks, so it takes almost no CPU from the run
 * it measures. Thread-safe.
 */
public final class Counter {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final AtomicLong count = new AtomicLong();
    private volatile @Nullable Throwable failure;

    /** One more exchange completed; any thread. */
    public void increment() {
        count.incrementAndGet();
    }

    /** The run broke: the next {@link #await} throws with {@code cause}. */
    public void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /** Exchanges so far. */
    public long get() {
        return count.get();
    }

    /**
     * Waits until {@code n} more exchanges have completed.
     *
     * @throws IllegalStateException when the run failed, or made no progress for 60 s
     */
    public void await(long n) {
        long target = count.get() + n;
        long lastSeen = -1;
        long stalledSince = System.nanoTime();
        while (true) {
            long seen = count.get();
            if (seen >= target) {
                return;
            }
            Throwable broken = failure;
            if (broken != null) {
                throw new IllegalStateException("the run broke: " + broken, broken);
            }
            long now = System.nanoTime();
            if (seen != lastSeen) {
                lastSeen = seen;
                stalledSince = now;
            } else if (now - stalledSince > GIVE_UP_NANOS) {
                throw new IllegalStateException("no progress for 60 s at " + seen + " of " + target + " exchanges");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
