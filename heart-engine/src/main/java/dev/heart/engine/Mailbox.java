package dev.heart.engine;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * A lock-free actor mailbox: events are posted from any thread and handled one at a time, in
 * order, by whichever thread finds the mailbox idle. An event posted while one is being handled
 * is queued, never handled re-entrantly, so synchronous answers cannot grow the stack. Each drain
 * runs with the beating's MDC keys set ({@link Mdc}), and restores what the thread held after.
 *
 * <p>The queue is a lock-free stack of small nodes, taken whole by the drainer and reversed into
 * posting order: an idle mailbox holds no node at all (a {@code ConcurrentLinkedQueue} keeps two
 * objects per beating, 48 bytes of a million idle hearts' heap), and a post is one CAS. A
 * timer's expiry, the most frequent event of a beating, is carried as a number beside the stack
 * ({@link #postExpired}): no allocation, and no reference stored into the mailbox.
 */
final class Mailbox implements WheelTimer.Tagged {
    /** Handles the events of one mailbox; never called concurrently with itself. */
    interface Handler {
        /** Handles one event. */
        void handle(LoopEvent event);

        /** Handles the expiry of wait {@code seq} ({@link #postExpired}). */
        void expired(int seq);
    }

    private static final AtomicIntegerFieldUpdater<Mailbox> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(Mailbox.class, "pending");

    private static final AtomicReferenceFieldUpdater<Mailbox, Node> TOP =
            AtomicReferenceFieldUpdater.newUpdater(Mailbox.class, Node.class, "top");

    private static final AtomicLongFieldUpdater<Mailbox> EXPIRY =
            AtomicLongFieldUpdater.newUpdater(Mailbox.class, "expiry");

    /** In {@link #expiry}: an expiry is posted and not yet taken; its wait's number is in the low 32 bits. */
    private static final long EXPIRY_POSTED = 1L << 32;

    /** No thread drains: {@link #drainer}'s value then. */
    private static final long NO_DRAINER = -1;

    /** One posted event in the stack; {@code next} is the one posted before it until the drainer reverses them. */
    private static final class Node {
        final LoopEvent event;

        @Nullable
        Node next;

        Node(LoopEvent event) {
            this.event = event;
        }
    }

    /** The events posted and not yet taken, the latest first; null when none. */
    private volatile @Nullable Node top;

    private final Handler handler;
    private final BeatingRun run;
    private volatile int pending; // a field, not an AtomicInteger: one object less per beating
    /**
     * The posted expiry not yet taken ({@link #EXPIRY_POSTED} and its wait's number), else 0: a
     * number, not an event object, so a wait that expires allocates nothing and stores no young
     * reference into this long-lived mailbox (each such store marks a card that the next young
     * collection scans, a million hearts' worth).
     */
    private volatile long expiry;
    /**
     * The id of the thread draining now, else {@link #NO_DRAINER}; written only by the draining
     * thread, while it owns the mailbox. An id, not the {@code Thread}: a reference stored twice per
     * drain would mark this object's card for the collector.
     */
    private volatile long drainer = NO_DRAINER;

    /** @param run whose registrant the MDC names during every drain */
    Mailbox(Handler handler, BeatingRun run) {
        this.handler = handler;
        this.run = run;
    }

    /** Sets the MDC keys on the calling thread; returns what {@link #exitMdc} restores. */
    @Nullable
    Object enterMdc() {
        return Mdc.enter(run.registrant(), run.service());
    }

    /** Restores the MDC keys as {@link #enterMdc} found them. */
    void exitMdc(@Nullable Object entered) {
        Mdc.exit(entered);
    }

    void post(LoopEvent event) {
        Node node = new Node(event);
        Node head;
        do {
            head = top;
            node.next = head;
        } while (!TOP.compareAndSet(this, head, node));
        if (PENDING.getAndIncrement(this) == 0) {
            drain();
        }
    }

    /**
     * Posts the expiry of wait {@code seq}: the timer's task, on the wheel's thread ({@link
     * WheelTimer.Tagged}). At most one expiry is queued at a time: a later wait's replaces an
     * earlier wait's, which is stale once a later wait was armed (waits are numbered in order;
     * the one queued is the latest, whatever order two timers fire in).
     */
    void postExpired(int seq) {
        long posted = EXPIRY_POSTED | (seq & 0xFFFF_FFFFL);
        long queued;
        do {
            queued = expiry;
            if (queued != 0 && seq - (int) queued < 0) {
                return; // a later wait's expiry is queued: this one is stale
            }
        } while (!EXPIRY.compareAndSet(this, queued, posted));
        if (queued == 0 && PENDING.getAndIncrement(this) == 0) {
            drain();
        }
    }

    @Override
    public void fire(int tag) {
        postExpired(tag);
    }

    /** Whether the calling thread is draining this mailbox now (an inline executor's beater call). */
    boolean drainingHere() {
        return drainer == Thread.currentThread().getId();
    }

    private void drain() {
        long self = Thread.currentThread().getId();
        drainer = self;
        Object entered = enterMdc();
        try {
            int missed = 1;
            do {
                while (true) {
                    Node taken = TOP.getAndSet(this, null);
                    if (taken != null) {
                        Node first = null; // reversed: posting order
                        while (taken != null) {
                            Node following = taken.next;
                            taken.next = first;
                            first = taken;
                            taken = following;
                        }
                        while (first != null) {
                            LoopEvent event = first.event;
                            first = first.next;
                            handler.handle(event);
                        }
                        continue;
                    }
                    // only when no event is queued: an answer that came with its wait's expiry counts
                    if (expiry == 0) { // a read first: most drains have no expiry, and a swap costs
                        break;
                    }
                    handler.expired((int) EXPIRY.getAndSet(this, 0));
                }
                drainer = NO_DRAINER; // before the count may reach zero: then another thread may drain
                missed = PENDING.addAndGet(this, -missed);
                if (missed != 0) {
                    drainer = self;
                }
            } while (missed != 0);
        } finally {
            exitMdc(entered);
        }
    }
}
