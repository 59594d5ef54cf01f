package dev.heart.engine;

import java.time.Duration;

/**
 * The monotonic clock and the timer a {@link Heart} runs on. The default, {@link #system()}, reads
 * {@link System#nanoTime()} and serves all waits from one named timer thread; the testkit supplies
 * a virtual one so that an hour of beating runs in milliseconds.
 *
 * <p>Implementations are thread-safe. Scheduled tasks must be short and must not block: they run
 * on the timer's thread.
 */
public interface TimeSource extends AutoCloseable {

    /** Nanoseconds on a monotonic clock with an arbitrary origin, like {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @param delay zero or more; not null
     * @param task  not null
     * @return a handle that cancels the task if it has not started; never null
     * @throws IllegalStateException when the time source is closed
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** Stops the timer; tasks not yet run are dropped. Idempotent. */
    @Override
    void close();

    /**
     * A new time source on {@link System#nanoTime()} with one daemon timer thread named
     * {@code heart-timer-N}, started on first use and stopped by {@link #close()}.
     */
    static TimeSource system() {
        return new SystemTimeSource();
    }

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not started; idempotent. */
        void cancel();
    }
}
