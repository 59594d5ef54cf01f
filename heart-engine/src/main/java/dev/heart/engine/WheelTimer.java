package dev.heart.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * A hashed timing wheel: one bucket per tick, scheduling and cancelling in O(1) without a lock,
 * one small node per wait. A million waiting hearts cost a million nodes, not a million entries
 * of a binary heap under a lock.
 *
 * <p>A task runs on the wheel's one thread at the first tick at or after its deadline: never
 * early, late by up to a tick plus the time the thread takes to reach it. Scheduling pushes the
 * node onto a lock-free stack that the wheel thread moves into buckets on its next tick;
 * cancelling pushes it onto another, and the wheel thread unlinks it when it next wakes up, so
 * cancelled waits are released within 100 ticks. The thread sleeps until the next tick whose
 * bucket holds a node, or 100 ticks with nothing to wait for; a new wait wakes it only when it
 * falls due before that.
 * Thread-safe.
 *
 * <p>For tests a wheel can also run without its thread, on a clock the test moves: then
 * {@link #advance()} does on the calling thread what the wheel's thread does on each wake-up.
 * Not final only so that a test can subclass it to act in {@link #claimed}.
 */
class WheelTimer {
    private static final Logger LOG = EngineLog.TIMER;
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final int PENDING = WheelNode.PENDING;
    private static final int DONE = WheelNode.DONE;
    private static final long IDLE_TICKS = 100;

    private final long tickNanos;
    private final int mask;
    private final @Nullable WheelNode[] buckets;
    private final LongSupplier clock;
    private final boolean threaded;
    private final long origin;
    private final AtomicReference<WheelNode> scheduled = new AtomicReference<>();
    private final AtomicReference<WheelNode> cancelled = new AtomicReference<>();
    private final String name;
    private final AtomicReference<Thread> thread = new AtomicReference<>();
    /** The tick at which the parked wheel looks again; a schedule due earlier wakes it. */
    private volatile long wakeTick = Long.MIN_VALUE;

    private volatile boolean closed;
    private int live;
    /** How often the wheel's thread woke up and turned, for tests. */
    private volatile long turns;

    /**
     * @param tickNanos the resolution; positive
     * @param buckets   slots, a power of two; a wait longer than {@code tick * buckets} goes round
     *                  more than once
     */
    WheelTimer(long tickNanos, int buckets) {
        this(tickNanos, buckets, System::nanoTime, true);
    }

    /**
     * @param clock    the monotonic clock, in nanoseconds
     * @param threaded true: the wheel's own thread turns it; false: only {@link #advance()} does
     */
    WheelTimer(long tickNanos, int buckets, LongSupplier clock, boolean threaded) {
        this.tickNanos = tickNanos;
        this.mask = buckets - 1;
        this.buckets = new WheelNode[buckets];
        this.clock = clock;
        this.threaded = threaded;
        this.origin = clock.getAsLong();
        this.name = "heart-timer-" + (threaded ? COUNT.incrementAndGet() : "manual");
    }

    long nanoTime() {
        return clock.getAsLong();
    }

    TimeSource.Cancellable schedule(long delayNanos, Runnable task) {
        if (closed) {
            throw new IllegalStateException("time source is closed");
        }
        return push(new WheelNode(this, task, deadlineTick(delayNanos)));
    }

    private long deadlineTick(long delayNanos) {
        long due = clock.getAsLong() - origin + delayNanos;
        return Math.floorDiv(due + tickNanos - 1, tickNanos);
    }

    /**
     * What a {@link WheelSlot} runs for a tagged wait: told the tag it was scheduled with. One
     * object can serve every wait of its owner, so a wait that is scheduled again and again
     * allocates nothing and stores no new reference into the long-lived node.
     */
    interface Tagged {
        /** The wait scheduled with {@code tag} is due; on the wheel's thread. */
        void fire(int tag);
    }

    /**
     * A slot for one wait at a time: once a slot's task has run, or its cancelled wait has been
     * unlinked by the wheel, its next schedule reuses the node, so a heart that waits again and
     * again leaves nothing long-lived behind per wait.
     * Confined to its owner (one beating's actor), which may run on any thread, also while the
     * wheel is still running the task of the node's previous wait.
     */
    TimeSource.Slot slot() {
        return new WheelSlot();
    }

    /** The wheel's {@link TimeSource.Slot}; also schedules {@link Tagged} waits. */
    final class WheelSlot implements TimeSource.Slot {
        private @Nullable WheelNode last;

        @Override
        public TimeSource.Cancellable schedule(java.time.Duration delay, Runnable task) {
            return reuse(delay, task, 0);
        }

        /** Runs {@code task.fire(tag)} once after {@code delay}; otherwise like {@link #schedule}. */
        TimeSource.Cancellable schedule(java.time.Duration delay, Tagged task, int tag) {
            return reuse(delay, task, tag);
        }

        private TimeSource.Cancellable reuse(java.time.Duration delay, Object task, int tag) {
            if (closed) {
                throw new IllegalStateException("time source is closed");
            }
            WheelNode node = last;
            long deadline = deadlineTick(Limits.saturatedNanos(delay));
            if (node != null && node.state == DONE) {
                if (node.task != task) { // the same task again: no store (no card marked for the GC)
                    node.task = task;
                }
                node.tag = tag;
                node.deadlineTick = deadline;
                node.state = PENDING;
            } else {
                node = new WheelNode(WheelTimer.this, task, deadline);
                node.tag = tag;
                last = node;
            }
            return push(node);
        }
    }

    /** Called by a node that was cancelled: the wheel unlinks it on its next tick. */
    void cancelled(WheelNode node) {
        WheelNode head;
        do {
            head = cancelled.get();
            node.nextCancelled = head;
        } while (!cancelled.compareAndSet(head, node));
    }

    private WheelNode push(WheelNode node) {
        WheelNode head;
        do {
            head = scheduled.get();
            node.nextScheduled = head;
        } while (!scheduled.compareAndSet(head, node));
        if (!threaded) {
            return node;
        }
        Thread current = thread.get();
        if (current == null) {
            start();
        } else if (node.deadlineTick - wakeTick < 0) {
            LockSupport.unpark(current); // due before the wheel would look again
        }
        return node;
    }

    private void start() {
        Thread created = new Thread(this::turn, name);
        created.setDaemon(true);
        if (!closed && thread.compareAndSet(null, created)) {
            created.start(); // a close racing with this start ends the thread's loop at once
        }
    }

    private void turn() {
        long processed = currentTick() - 1;
        while (!closed) {
            turns++; // only this thread writes it
            long now = currentTick();
            if (live == 0 && scheduled.get() == null) {
                processed = now - 1; // nothing waits: skip the empty ticks
            }
            while (processed < now && !closed) {
                processed++;
                unlinkCancelled();
                place(processed);
                expire(processed);
            }
            // Sleep until the next tick whose bucket holds a node, at most IDLE_TICKS: a wait
            // due later than that costs its scheduler no wake-up of this thread (an attempt
            // timeout per beat would), and empty ticks between waits cost none either.
            long next = live == 0 ? processed + IDLE_TICKS : nextBusyTick(processed);
            wakeTick = next;
            if (scheduled.get() != null && live == 0) {
                wakeTick = Long.MIN_VALUE; // scheduled meanwhile: place it now
                continue;
            }
            long wait = origin + next * tickNanos - clock.getAsLong();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
            wakeTick = Long.MIN_VALUE;
        }
    }

    /**
     * The first tick after {@code processed} whose bucket holds a node (perhaps one due a round
     * later), or {@code processed + IDLE_TICKS} when none does before; the next tick when nodes
     * wait to be placed.
     */
    private long nextBusyTick(long processed) {
        if (scheduled.get() != null) {
            return processed + 1;
        }
        for (long tick = processed + 1; tick < processed + IDLE_TICKS; tick++) {
            if (buckets[(int) (tick & mask)] != null) {
                return tick;
            }
        }
        return processed + IDLE_TICKS;
    }

    private long currentTick() {
        return Math.floorDiv(clock.getAsLong() - origin, tickNanos);
    }

    private long advanced = Long.MIN_VALUE;

    /**
     * A wheel without its thread: runs on the calling thread every tick up to the clock's now,
     * as the thread would on waking. Not concurrently with itself.
     */
    void advance() {
        if (threaded) {
            throw new IllegalStateException(name + " is turned by its own thread");
        }
        long now = currentTick();
        if (advanced == Long.MIN_VALUE) {
            advanced = -1;
        }
        while (advanced < now && !closed) {
            advanced++;
            unlinkCancelled();
            place(advanced);
            expire(advanced);
        }
    }

    private void unlinkCancelled() {
        WheelNode node = cancelled.getAndSet(null);
        while (node != null) {
            WheelNode following = node.nextCancelled;
            node.nextCancelled = null;
            if (node.slot >= 0) {
                unlink(node);
                // Placed, so off the scheduled stack; now out of its bucket and off this stack:
                // its slot may reuse it (an attempt answered before its timeout, every beat).
                node.state = DONE;
            }
            node = following;
        }
    }

    /** Moves newly scheduled nodes into their buckets; overdue ones into the current one. */
    private void place(long tick) {
        WheelNode node = scheduled.getAndSet(null);
        while (node != null) {
            WheelNode following = node.nextScheduled;
            node.nextScheduled = null;
            if (node.state == PENDING) {
                int slot = (int) (Math.max(tick, node.deadlineTick) & mask);
                node.slot = slot;
                node.next = buckets[slot];
                if (node.next != null) {
                    node.next.prev = node;
                }
                buckets[slot] = node;
                live++;
            }
            node = following;
        }
    }

    private void expire(long tick) {
        WheelNode node = buckets[(int) (tick & mask)];
        while (node != null) {
            WheelNode following = node.next;
            if (node.deadlineTick <= tick) {
                unlink(node);
                Object task = node.task; // before the claim: after it, a slot may reuse the node
                int tag = node.tag;
                if (WheelNode.STATE.compareAndSet(node, PENDING, DONE)) {
                    claimed(node);
                    run(task, tag);
                }
            }
            node = following;
        }
    }

    /** The wheel claimed {@code node} and is about to run its task; a test hook, else nothing. */
    void claimed(WheelNode node) {}

    private void unlink(WheelNode node) {
        if (node.prev != null) {
            node.prev.next = node.next;
        } else {
            buckets[node.slot] = node.next;
        }
        if (node.next != null) {
            node.next.prev = node.prev;
        }
        node.prev = null;
        node.next = null;
        node.slot = -1;
        live--;
    }

    private void run(Object task, int tag) {
        try {
            if (task instanceof Runnable runnable) {
                runnable.run();
            } else {
                ((Tagged) task).fire(tag);
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("{}: a timer task threw; the timer goes on", name, e);
        }
    }

    /** How many times the wheel's thread has woken up and turned so far. */
    long turns() {
        return turns;
    }

    /** The wheel's thread, or null before its first wait (and always without one). */
    @Nullable
    Thread thread() {
        return thread.get();
    }

    /** Stops the wheel; tasks not yet run are dropped. Idempotent. */
    void close() {
        closed = true;
        Thread current = thread.get();
        if (current != null) {
            LockSupport.unpark(current);
            if (Thread.currentThread() != current) {
                try {
                    current.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
