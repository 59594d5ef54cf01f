package dev.heart.testkit;

import dev.heart.engine.TimeSource;
import java.time.Duration;

/**
 * A virtual clock and timer: a {@link TimeSource} whose time moves only when a test moves it. A
 * heart built with {@code .timeSource(time).executor(Runnable::run)} and the {@code mem} transport
 * runs entirely inside {@link #advance}: an hour of beats every 30 s takes milliseconds, and the
 * same inputs give the same run.
 *
 * <p>Time starts at zero. Tasks run on the thread that calls {@link #advance} or
 * {@link #runUntilIdle}, in the order of their due time, then of scheduling; while a task runs,
 * {@link #nanoTime()} reads its due time (or later, after a {@link #jump}). Thread-safe: tasks may
 * be scheduled from any thread; advancing from inside a task is refused.
 */
public interface VirtualTime extends TimeSource {

    /**
     * A new virtual time at zero, with no task.
     *
     * @return a new virtual time; the caller closes it
     */
    static VirtualTime create() {
        return new VirtualClock();
    }

    /**
     * The time elapsed since the start
     *
     * @return the virtual time since creation
     */
    Duration now();

    /**
     * Moves time forward by {@code duration}, running every task due on the way at its due time.
     *
     * @param duration zero or more
     * @throws IllegalArgumentException when negative: time never moves backwards
     * @throws IllegalStateException    when closed, or called from inside a task
     * @throws RuntimeException         what a task threw; the clock stays at that task's time
     */
    void advance(Duration duration);

    /**
     * Runs tasks, moving time to each one's due time, until no task is left.
     *
     * @param maxTasks a bound on the tasks run; positive. A beating heart is never idle: use
     *                 {@link #advance} for it, and this after stopping it
     * @return how many tasks ran
     * @throws IllegalStateException when closed, called from inside a task, or still busy after
     *                               {@code maxTasks} tasks
     */
    int runUntilIdle(int maxTasks);

    /**
     * {@link #runUntilIdle(int)} with a bound of 1,000,000 tasks.
     *
     * @return how many tasks ran
     * @throws IllegalStateException when closed, called from inside a task, or still busy after 1,000,000 tasks
     */
    default int runUntilIdle() {
        return runUntilIdle(1_000_000);
    }

    /**
     * Moves the clock forward by {@code duration} at once, without running the tasks due in
     * between: as a GC pause would, they run late, at the next {@link #advance}. Allowed from
     * inside a task.
     *
     * @param duration zero or more
     * @throws IllegalArgumentException when negative
     * @throws IllegalStateException    when closed
     */
    void jump(Duration duration);

    /**
     * How many tasks are scheduled and not yet run or cancelled.
     *
     * @return the number of pending tasks, 0 or more
     */
    int pendingTasks();

    /** Drops every pending task; later calls other than {@link #now()} and this one throw. */
    @Override
    void close();
}
