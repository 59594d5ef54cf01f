package dev.heart.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * A time source on the engine's own timing wheel, turned by the test instead of a thread, on a
 * clock that moves only when the test advances it. Unlike {@link ManualTime} it serves
 * {@link #slot()} as {@link TimeSource#system()} does, reusing a fired wait's node, so engine
 * tests run on it exercise slot reuse. Tasks run on the advancing thread.
 */
final class WheelTime implements TimeSource {
    static final long TICK = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final WheelTimer wheel;

    WheelTime() {
        this((tick, clock) -> new WheelTimer(tick, 64, clock, false));
    }

    /** With a wheel made by {@code wheel} (a subclass acting in {@link WheelTimer#claimed}). */
    WheelTime(BiFunction<Long, LongSupplier, WheelTimer> wheel) {
        this.wheel = wheel.apply(TICK, now::get);
    }

    /** Whole milliseconds since this time source was made. */
    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(now.get() - 1_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return wheel.schedule(delay.toNanos(), task);
    }

    @Override
    public Slot slot() {
        return wheel.slot();
    }

    /** Moves the clock by {@code span}, a tick at a time, running what falls due at each tick. */
    void advance(Duration span) {
        long end = now.get() + span.toNanos();
        while (now.get() < end) {
            now.set(Math.min(end, now.get() + TICK));
            wheel.advance();
        }
    }

    @Override
    public void close() {
        wheel.close();
    }
}
