package dev.heart.engine;

import dev.heart.api.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A beating's one wait at a time (a delay, an attempt in flight with its timeout, the disconnect
 * with its bound) and the sequence that makes older waits' events stale. Each wait gets the next
 * sequence number; an answer or expiry tagged with another number is ignored. Timers come from
 * one reusable {@link TimeSource.Slot}. Confined to the beating's actor.
 */
final class Waits {
    private final Mailbox mailbox;
    private final TimeSource.Slot slot;
    private int seq;
    private @Nullable CompletableFuture<Response> inFlight;
    private TimeSource.@Nullable Cancellable timer;

    Waits(Mailbox mailbox, TimeSource.Slot slot) {
        this.mailbox = mailbox;
        this.slot = slot;
    }

    /** The beating's mailbox, where answers and expiries are posted. */
    Mailbox mailbox() {
        return mailbox;
    }

    /** Starts a new wait, making every event of the earlier ones stale; returns its number. */
    int next() {
        return ++seq;
    }

    /** Whether {@code eventSeq} is the current wait's. */
    boolean current(int eventSeq) {
        return eventSeq == seq;
    }

    /** Waits {@code delay} in the current wait; its expiry is posted. */
    void delay(Duration delay) {
        timer = expireAfter(delay, seq);
    }

    /**
     * Posts the expiry of wait {@code current} after {@code delay}. On the system time source
     * the mailbox itself is the timer's task, told the wait's number: nothing is allocated and no
     * young object is stored into the beating's long-lived timer node, whose card the next young
     * collection would otherwise scan (E2: a million beatings).
     */
    private TimeSource.Cancellable expireAfter(Duration delay, int current) {
        if (slot instanceof WheelTimer.WheelSlot wheel) {
            return wheel.schedule(delay, mailbox, current);
        }
        return slot.schedule(delay, () -> mailbox.postExpired(current));
    }

    /**
     * Waits for {@code future} in the current wait, at most {@code bound} when given: its answer
     * and its expiry are posted, whichever comes first counts.
     */
    void answer(CompletableFuture<Response> future, @Nullable Duration bound) {
        int current = seq;
        inFlight = future;
        future.whenComplete((response, error) -> mailbox.post(new LoopEvent.Answer(current, response, error)));
        if (bound != null) {
            timer = expireAfter(bound, current);
        }
    }

    /** The current wait's answer came: its timer is cancelled. */
    void answered() {
        cancelTimer();
        inFlight = null;
    }

    /** The current wait's timer fired. */
    void expired() {
        timer = null;
    }

    /** The request in flight timed out: cancelled in the transport, its answer stale from now on. */
    void timedOut() {
        CompletableFuture<Response> late = inFlight;
        inFlight = null;
        seq++;
        if (late != null) {
            late.cancel(false);
        }
    }

    /** Ends the current wait at once: its timer and request are cancelled, its events stale. */
    void abort() {
        seq++;
        cancelTimer();
        CompletableFuture<Response> future = inFlight;
        inFlight = null;
        if (future != null) {
            future.cancel(false);
        }
    }

    private void cancelTimer() {
        TimeSource.Cancellable pending = timer;
        timer = null;
        if (pending != null) {
            pending.cancel();
        }
    }
}
