package dev.heart.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * One wait of a {@link WheelTimer}: in the wheel's pending stack, then in a bucket's doubly linked
 * list.
 *
 * <p>Who touches a node: its scheduler writes {@code task}, {@code tag} and {@code deadlineTick} before
 * pushing it (a slot's owner, again for each reuse, and only once the wheel has set it
 * {@code DONE}); any thread may cancel it ({@code state} by CAS, then the cancelled stack);
 * everything else ({@code slot}, {@code prev}, {@code next}, the stack links) is the wheel
 * thread's. The wheel reads {@code task} and {@code tag} before it claims the node ({@code PENDING} to
 * {@code DONE}), never after: from the claim on, a slot's owner may reuse the node for its next
 * wait on any thread, and that wait's task must not run now. A cancelled node that the wheel had
 * placed becomes {@code DONE} (reusable) once the wheel has unlinked it from its bucket and from
 * the cancelled stack; one cancelled before it was placed stays {@code CANCELLED}, as it may still
 * be on the scheduled stack.
 */
final class WheelNode implements TimeSource.Cancellable {
    static final int PENDING = 0;
    static final int CANCELLED = 1;
    static final int DONE = 2;
    static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WheelNode.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WheelTimer wheel;
    /** A {@link Runnable}, or a {@link WheelTimer.Tagged} told {@link #tag}. */
    Object task; // written by the scheduler before each push; read by the wheel before its claim

    int tag; // like task
    long deadlineTick;
    volatile int state;

    @Nullable
    WheelNode nextScheduled;

    @Nullable
    WheelNode nextCancelled;

    @Nullable
    WheelNode prev;

    @Nullable
    WheelNode next;

    int slot = -1;

    WheelNode(WheelTimer wheel, Object task, long deadlineTick) {
        this.wheel = wheel;
        this.task = task;
        this.deadlineTick = deadlineTick;
    }

    @Override
    public void cancel() {
        if (STATE.compareAndSet(this, PENDING, CANCELLED)) {
            wheel.cancelled(this);
        }
    }
}
