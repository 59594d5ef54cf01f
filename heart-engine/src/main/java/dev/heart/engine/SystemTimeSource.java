package dev.heart.engine;

import dev.heart.engine.internal.Checks;
import java.time.Duration;

/**
 * {@link System#nanoTime()} and a {@link WheelTimer} of 1 ms ticks: one daemon thread named
 * {@code heart-timer-N}, started on first use, parked while nothing waits.
 */
final class SystemTimeSource implements TimeSource {
    private static final long TICK_NANOS = 1_000_000;
    private static final int BUCKETS = 8192;

    private final WheelTimer wheel = new WheelTimer(TICK_NANOS, BUCKETS);

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Checks.notNegative(delay, "delay");
        Checks.notNull(task, "task");
        return wheel.schedule(Limits.saturatedNanos(delay), task);
    }

    @Override
    public Slot slot() {
        return wheel.slot();
    }

    @Override
    public void close() {
        wheel.close();
    }

    @Override
    public String toString() {
        return "TimeSource.system()";
    }
}
