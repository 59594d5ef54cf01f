package dev.heart.testkit;

import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.engine.TimeSource;
import dev.heart.testkit.mem.MemEndpoint;
import dev.heart.testkit.mem.MemEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** A virtual-time endpoint that injects the faults of a plan; answers are tasks on the time. */
final class SimulatedEndpoint implements MemEndpoint, MemBinding {
    private final String name;
    private final URI uri;
    private final FakeRegistry registry;
    private final VirtualTime time;
    private final FaultPlan.Source faults;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<CompletableFuture<Response>> pending = new ArrayList<>();
    private long partitionUntil = Long.MIN_VALUE;
    private long slowUntil = Long.MIN_VALUE;
    private @Nullable Fault slowdown;
    private boolean closed;

    SimulatedEndpoint(String name, URI uri, FakeRegistry registry, VirtualTime time, FaultPlan plan) {
        this.name = name;
        this.uri = uri;
        this.registry = registry;
        this.time = time;
        this.faults = plan.source();
    }

    @Override
    public CompletableFuture<Response> exchange(Request request, Executor workers) {
        CompletableFuture<Response> future = new CompletableFuture<>();
        Fault fault;
        Duration latency;
        lock.lock();
        try {
            if (closed) {
                future.completeExceptionally(new TransportException(uri, "mem registry is closed"));
                return future;
            }
            fault = effectiveFault(faults.next(), time.nanoTime());
            latency = faults.latency();
            deliveries.add(new Delivery(time.now(), request, fault));
            pending.add(future);
        } finally {
            lock.unlock();
        }
        future.whenComplete((response, error) -> forget(future));
        if (fault instanceof Fault.Pause pause) {
            time.jump(pause.pause());
        }
        if (fault instanceof Fault.Drop || fault instanceof Fault.Partition) {
            return future; // lost: the engine's timeout cancels it
        }
        Duration delay = latency;
        if (fault instanceof Fault.Delay late) {
            delay = delay.plus(late.delay());
        } else if (fault instanceof Fault.Slowdown slow) {
            delay = delay.plus(slow.extra());
        }
        TimeSource.Cancellable task = time.schedule(delay, () -> answer(request, fault, future));
        future.whenComplete((response, error) -> task.cancel());
        return future;
    }

    /** The fault of this request, given partitions and slowdowns already under way. */
    private Fault effectiveFault(Fault planned, long now) {
        if (planned instanceof Fault.Partition partition) {
            partitionUntil = now + partition.period().toNanos();
            return planned;
        }
        if (planned instanceof Fault.Slowdown slow) {
            slowUntil = now + slow.period().toNanos();
            slowdown = slow;
            return planned;
        }
        if (now < partitionUntil && (planned.isNone() || planned instanceof Fault.Delay)) {
            return new Fault.Partition(Duration.ofNanos(partitionUntil - now));
        }
        Fault slow = slowdown; // set with slowUntil
        if (slow != null && now < slowUntil && planned.isNone()) {
            return slow;
        }
        return planned;
    }

    private void answer(Request request, Fault fault, CompletableFuture<Response> future) {
        if (future.isDone()) {
            return;
        }
        if (fault instanceof Fault.TransportError) {
            future.completeExceptionally(new TransportException(uri, "injected transport error"));
        } else if (fault instanceof Fault.Reject) {
            future.complete(Response.reject(registry.info()));
        } else if (fault instanceof Fault.NotRegistered) {
            registry.forget(request.registrant());
            future.complete(Response.reject(registry.info(), RejectReason.NOT_REGISTERED));
        } else if (fault instanceof Fault.CrashRestart) {
            registry.restart();
            future.completeExceptionally(new TransportException(uri, "injected crash: the registry restarted"));
        } else {
            future.complete(registry.handle(request));
        }
    }

    private void forget(CompletableFuture<Response> future) {
        lock.lock();
        try {
            pending.remove(future);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public List<Delivery> deliveries() {
        lock.lock();
        try {
            return List.copyOf(deliveries);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        List<CompletableFuture<Response>> failing;
        lock.lock();
        try {
            closed = true;
            failing = List.copyOf(pending);
        } finally {
            lock.unlock();
        }
        MemEndpoints.unbind(name, this);
        failing.forEach(
                f -> f.completeExceptionally(new TransportException(uri, "mem registry closed while answering")));
    }

    @Override
    public String toString() {
        return "MemBinding[" + uri + " -> " + registry + "]";
    }
}
