package dev.heart.bench.time;

import dev.heart.engine.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A what-if timer for E2, to quantify an engine proposal: a hashed timing wheel (one bucket per
 * tick, O(1) schedule and expiry, no lock, one 32-byte node per wait) instead of
 * {@link TimeSource#system()}'s {@code ScheduledThreadPoolExecutor} (a binary heap under a lock,
 * about 100 bytes per wait). Never used for the headline figures.
 *
 * <p>A task runs on the wheel's thread at the first tick boundary at or after its deadline: never
 * early, late by up to one tick plus the time the thread needs to reach it. A cancelled task is
 * skipped when its tick comes (its node is held until then). Thread-safe.
 */
public final class WheelTimeSource implements TimeSource {

    private static final class Timeout implements Cancellable {
        final Runnable task;
        final long deadlineTick;
        volatile boolean cancelled;
        Timeout next;

        Timeout(Runnable task, long deadlineTick) {
            this.task = task;
            this.deadlineTick = deadlineTick;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final long tickNanos;
    private final int mask;
    private final Timeout[] buckets;
    private final long origin = System.nanoTime();
    private final AtomicReference<Timeout> pending = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts the wheel's thread, named {@code heart-bench-wheel}.
     *
     * @param tick    the wheel's resolution; positive
     * @param buckets slots of the wheel, a power of two; waits longer than {@code tick * buckets}
     *                go round more than once
     */
    public WheelTimeSource(Duration tick, int buckets) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, was " + tick);
        }
        if (buckets < 1 || Integer.bitCount(buckets) != 1) {
            throw new IllegalArgumentException("buckets must be a power of two, was " + buckets);
        }
        this.tickNanos = tick.toNanos();
        this.mask = buckets - 1;
        this.buckets = new Timeout[buckets];
        this.thread = new Thread(this::turn, "heart-bench-wheel");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        if (closed) {
            throw new IllegalStateException("time source is closed");
        }
        long due = System.nanoTime() - origin + delay.toNanos();
        Timeout timeout = new Timeout(task, (due + tickNanos - 1) / tickNanos);
        Timeout head;
        do {
            head = pending.get();
            timeout.next = head;
        } while (!pending.compareAndSet(head, timeout));
        return timeout;
    }

    private void turn() {
        long processed = (System.nanoTime() - origin) / tickNanos - 1;
        while (!closed) {
            long current = (System.nanoTime() - origin) / tickNanos;
            while (processed < current && !closed) {
                processed++;
                place(processed);
                expire(processed);
            }
            long wait = origin + (processed + 1) * tickNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Moves newly scheduled timeouts into their buckets; overdue ones into the current one. */
    private void place(long tick) {
        Timeout timeout = pending.getAndSet(null);
        while (timeout != null) {
            Timeout following = timeout.next;
            if (!timeout.cancelled) {
                int slot = (int) (Math.max(tick, timeout.deadlineTick) & mask);
                timeout.next = buckets[slot];
                buckets[slot] = timeout;
            }
            timeout = following;
        }
    }

    private void expire(long tick) {
        int slot = (int) (tick & mask);
        Timeout timeout = buckets[slot];
        Timeout kept = null;
        while (timeout != null) {
            Timeout following = timeout.next;
            if (timeout.deadlineTick > tick) {
                timeout.next = kept;
                kept = timeout;
            } else if (!timeout.cancelled) {
                timeout.next = null;
                try {
                    timeout.task.run();
                } catch (RuntimeException | Error e) {
                    System.err.println("heart-bench-wheel: a task threw: " + e);
                }
            }
            timeout = following;
        }
        buckets[slot] = kept;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "WheelTimeSource[tick=" + Duration.ofNanos(tickNanos) + ", buckets=" + (mask + 1) + "]";
    }
}
