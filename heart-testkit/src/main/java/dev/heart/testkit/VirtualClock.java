package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** The {@link VirtualTime} implementation: a priority queue of tasks under one lock. */
final class VirtualClock implements VirtualTime {
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private boolean closed;
    private @Nullable Thread runner;

    private static final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long order;
        final Runnable action;
        volatile boolean cancelled;

        Task(long due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Duration now() {
        return Duration.ofNanos(nanoTime());
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Checks.notNegative(delay, "delay");
        Checks.notNull(task, "task");
        lock.lock();
        try {
            open("schedule");
            Task scheduled = new Task(now + delay.toNanos(), sequence++, task);
            queue.add(scheduled);
            return scheduled;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void advance(Duration duration) {
        Checks.notNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("virtual time never moves backwards: advance(" + duration + ")");
        }
        long target = enter("advance") + duration.toNanos();
        try {
            Task task;
            while ((task = next(target)) != null) {
                task.action.run();
            }
            lock.lock();
            try {
                now = Math.max(now, target);
            } finally {
                lock.unlock();
            }
        } finally {
            leave();
        }
    }

    @Override
    public int runUntilIdle(int maxTasks) {
        if (maxTasks <= 0) {
            throw new IllegalArgumentException("maxTasks must be positive, was " + maxTasks);
        }
        enter("runUntilIdle");
        try {
            int ran = 0;
            Task task;
            while ((task = next(Long.MAX_VALUE)) != null) {
                if (ran == maxTasks) {
                    throw new IllegalStateException("virtual time still busy after " + maxTasks + " tasks (now " + now()
                            + "); a beating heart is never idle: stop it first, or use advance");
                }
                task.action.run();
                ran++;
            }
            return ran;
        } finally {
            leave();
        }
    }

    @Override
    public void jump(Duration duration) {
        Checks.notNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("virtual time never moves backwards: jump(" + duration + ")");
        }
        lock.lock();
        try {
            open("jump");
            now += duration.toNanos();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int pendingTasks() {
        lock.lock();
        try {
            queue.removeIf(task -> task.cancelled);
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the next live task due at or before {@code target}, moving the clock to it. */
    private @Nullable Task next(long target) {
        lock.lock();
        try {
            open("run tasks");
            while (true) {
                Task head = queue.peek();
                if (head == null || head.due > target) {
                    return null;
                }
                queue.poll();
                if (!head.cancelled) {
                    now = Math.max(now, head.due);
                    return head;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private long enter(String what) {
        lock.lock();
        try {
            open(what);
            if (runner != null) {
                throw new IllegalStateException(what + " called while virtual time is already running tasks on "
                        + runner.getName() + "; move time from the test, not from a task");
            }
            runner = Thread.currentThread();
            return now;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            runner = null;
        } finally {
            lock.unlock();
        }
    }

    private void open(String what) {
        if (closed) {
            throw new IllegalStateException("virtual time is closed; cannot " + what);
        }
    }

    @Override
    public String toString() {
        return "VirtualTime[" + now() + "]";
    }
}
