package dev.heart.transport.eureka.internal;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the exchanges in flight to one server, so that the HTTP/1.1 connections to it stay
 * bounded too: beyond the bound, exchanges wait in a queue (holding no thread) and start as
 * earlier ones end. A queued exchange whose caller gave up is skipped. Thread-safe; never blocks.
 */
final class Lane {
    /** One queued exchange: its caller's future and how to start it. */
    private record Job(CompletableFuture<?> caller, Supplier<CompletableFuture<?>> start) {}

    private final int max;
    private final AtomicInteger active = new AtomicInteger();
    private final Queue<Job> waiting = new ConcurrentLinkedQueue<>();

    Lane(int max) {
        this.max = max;
    }

    /**
     * Starts {@code start} now or when a slot frees; {@code caller} is the future the caller
     * watches, so a done one is skipped.
     */
    void submit(CompletableFuture<?> caller, Supplier<CompletableFuture<?>> start) {
        waiting.add(new Job(caller, start));
        drain();
    }

    private void drain() {
        while (!waiting.isEmpty()) {
            int now = active.get();
            if (now >= max) {
                return;
            }
            if (!active.compareAndSet(now, now + 1)) {
                continue;
            }
            Job job = waiting.poll();
            if (job == null || job.caller().isDone()) {
                active.decrementAndGet();
                continue;
            }
            CompletableFuture<?> exchange;
            try {
                exchange = job.start().get();
            } catch (RuntimeException e) {
                active.decrementAndGet();
                job.caller().completeExceptionally(e);
                continue;
            }
            if (exchange.isDone()) {
                active.decrementAndGet();
            } else {
                exchange.whenComplete((ignored, failure) -> {
                    active.decrementAndGet();
                    drain();
                });
            }
        }
    }

    /** Exchanges in flight now, for tests. */
    int active() {
        return active.get();
    }

    /** Exchanges queued now, for tests. */
    int queued() {
        return waiting.size();
    }
}
