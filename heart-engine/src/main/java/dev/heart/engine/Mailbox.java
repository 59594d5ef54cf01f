package dev.heart.engine;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
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
 * objects per beating, 48 bytes of a million idle hearts' heap), and a post is one CAS.
 */
final class Mailbox {
    /** Handles the events of one mailbox; never called concurrently with itself. */
    interface Handler {
        /** Handles one event. */
        void handle(LoopEvent event);
    }

    private static final AtomicIntegerFieldUpdater<Mailbox> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(Mailbox.class, "pending");

    private static final AtomicReferenceFieldUpdater<Mailbox, Node> TOP =
            AtomicReferenceFieldUpdater.newUpdater(Mailbox.class, Node.class, "top");

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
    /** The thread draining now, else null; written only by the draining thread, while it owns the mailbox. */
    private volatile @Nullable Thread drainer;

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

    /** Whether the calling thread is draining this mailbox now (an inline executor's beater call). */
    boolean drainingHere() {
        return drainer == Thread.currentThread();
    }

    private void drain() {
        Thread self = Thread.currentThread();
        drainer = self;
        Object entered = enterMdc();
        try {
            int missed = 1;
            do {
                Node taken;
                while ((taken = TOP.getAndSet(this, null)) != null) {
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
                }
                drainer = null; // before the count may reach zero: then another thread may drain
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
