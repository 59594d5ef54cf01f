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

    /**
     * Nanoseconds on a monotonic clock with an arbitrary origin, like {@link System#nanoTime()}.
     *
     * @return the current monotonic time, in nanoseconds; only differences between two values mean something
     */
    long nanoTime();

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @param delay zero or more. The system time source serves a delay longer than 100
     *              years as 100 years
     * @param task  what to run
     * @return a handle that cancels the task if it has not started
     * @throws IllegalStateException when the time source is closed
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * A slot for a caller that waits for one thing at a time, again and again: once the task of
     * its last schedule has run, the next may reuse what that one used. The default schedules on
     * this time source each time. A handle returned by a slot is valid until the slot schedules
     * again: cancel the current wait only.
     *
     * @return a new slot; not thread-safe (one call at a time, see {@link Slot})
     */
    default Slot slot() {
        return this::schedule;
    }

    /** Stops the timer; tasks not yet run are dropped. Idempotent. */
    @Override
    void close();

    /**
     * A new time source on {@link System#nanoTime()} with one daemon timer thread named
     * {@code heart-timer-N}, started on first use and stopped by {@link #close()}.
     *
     * @return a new time source; the caller closes it
     */
    static TimeSource system() {
        return new SystemTimeSource();
    }

    /**
     * One wait at a time; see {@link #slot()}.
     *
     * <p>Threads: the owner calls {@link #schedule} from any thread, one call at a time (a
     * beating's actor runs on the transport's, the timer's or the executor's thread of the
     * moment), and may cancel from any thread. The timer's thread runs the task. A slot that
     * reuses what a fired wait used (the system time source's does: the wheel's node) may do so
     * as soon as the timer has claimed that wait to run it, so possibly while its task is still
     * running on the timer's thread; the timer therefore reads a wait's task before it claims the
     * wait and never after, and a reused wait never runs before its own deadline.
     */
    @FunctionalInterface
    interface Slot {
        /**
         * Runs {@code task} once after {@code delay}, like {@link TimeSource#schedule}.
         *
         * @param delay zero or more
         * @param task  what to run
         * @return a handle that cancels this wait
         */
        Cancellable schedule(Duration delay, Runnable task);
    }

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not started; idempotent. */
        void cancel();
    }
}
