package dev.heart.engine;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A lock-free actor mailbox: events are posted from any thread and handled one at a time, in
 * order, by whichever thread finds the mailbox idle. An event posted while one is being handled
 * is queued, never handled re-entrantly, so synchronous answers cannot grow the stack.
 */
abstract class Mailbox {
    private static final AtomicIntegerFieldUpdater<Mailbox> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(Mailbox.class, "pending");

    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
    private volatile int pending; // a field, not an AtomicInteger: one object less per beating

    final void post(Object event) {
        events.offer(event);
        if (PENDING.getAndIncrement(this) == 0) {
            drain();
        }
    }

    private void drain() {
        int missed = 1;
        do {
            Object event;
            while ((event = events.poll()) != null) {
                handle(event);
            }
            missed = PENDING.addAndGet(this, -missed);
        } while (missed != 0);
    }

    /** Handles one event; never called concurrently with itself. */
    abstract void handle(Object event);
}
