package dev.heart.transport.etcd.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most {@code limit} tasks running at once, at most {@code maxQueued} waiting; a task runs when
 * it is offered and a slot is free, else when a running one completes. Thread-safe, lock-free.
 */
final class Slots {
    private final int limit;
    private final int maxQueued;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final ConcurrentLinkedQueue<Supplier<CompletableFuture<?>>> waiting = new ConcurrentLinkedQueue<>();

    Slots(int limit, int maxQueued) {
        this.limit = limit;
        this.maxQueued = maxQueued;
    }

    /** Queues {@code task} (started now or later); false, doing nothing, when the queue is full. */
    boolean offer(Supplier<CompletableFuture<?>> task) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        waiting.add(task);
        drain();
        return true;
    }

    int queued() {
        return queued.get();
    }

    private void drain() {
        while (true) {
            int now = running.get();
            if (now >= limit || waiting.isEmpty()) {
                return;
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            Supplier<CompletableFuture<?>> task = waiting.poll();
            if (task == null) {
                running.decrementAndGet();
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            CompletableFuture<?> done;
            try {
                done = task.get();
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            if (done.isDone()) { // finished at once: no recursion, take the next here
                running.decrementAndGet();
                continue;
            }
            done.whenComplete((value, failure) -> {
                running.decrementAndGet();
                drain();
            });
        }
    }
}
