package dev.heart.engine;

import java.time.Duration;
import java.util.PriorityQueue;

/** A time source that moves only when a test advances it; tasks run on the advancing thread. */
final class ManualTime implements TimeSource {
    private record Task(long due, long order, Runnable action, boolean[] cancelled) {}

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private long now = 1_000_000_000L;
    private long order;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + delay.toNanos(), order++, task, cancelled));
        return () -> {
            synchronized (this) {
                cancelled[0] = true;
            }
        };
    }

    /** Runs every task due within {@code span}, in order, moving the clock to each. */
    void advance(Duration span) {
        long end;
        synchronized (this) {
            end = now + span.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > end) {
                    now = end;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.due);
                if (next.cancelled[0]) {
                    continue;
                }
            }
            next.action.run();
        }
    }

    /** Moves the clock by {@code span} without running what falls due: a paused process. */
    synchronized void jump(Duration span) {
        now += span.toNanos();
    }

    /** Nanoseconds since this time source was made. */
    synchronized Duration elapsed() {
        return Duration.ofNanos(now - 1_000_000_000L);
    }

    synchronized int pendingTasks() {
        return (int) tasks.stream().filter(t -> !t.cancelled[0]).count();
    }

    @Override
    public void close() {}
}
