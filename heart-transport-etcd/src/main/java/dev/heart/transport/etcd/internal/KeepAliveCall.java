package dev.heart.transport.etcd.internal;

import dev.heart.api.Response;
import dev.heart.transport.etcd.grpc.LeaseKeepAliveResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One later beat of a registered registrant: a keepalive on the endpoint's shared stream, and the
 * future {@code send} returns, in one object (a beat costs no chain of futures). It leaves the
 * transport's in-flight count exactly once: when it completes, fails or is cancelled; a cancelled
 * call (the attempt timed out, the beating stopped) forgets its keepalive.
 */
final class KeepAliveCall extends CompletableFuture<Response> implements KeepAlives.Waiter {
    private final GrpcEtcdClient client;
    private final Endpoint endpoint;
    private final Target target;
    private final GrpcEtcdClient.LeaseKey key;
    private final Registration registration;
    private final Duration deadline;
    private final AtomicInteger inFlight;
    private final long sentAt = System.nanoTime();

    KeepAliveCall(
            GrpcEtcdClient client,
            Endpoint endpoint,
            Target target,
            GrpcEtcdClient.LeaseKey key,
            Registration registration,
            Duration deadline,
            AtomicInteger inFlight) {
        this.client = client;
        this.endpoint = endpoint;
        this.target = target;
        this.key = key;
        this.registration = registration;
        this.deadline = deadline;
        this.inFlight = inFlight;
    }

    /** Queues the keepalive; returns this. */
    KeepAliveCall start() {
        endpoint.keepAlives().keepAlive(registration.lease, deadline, this);
        return this;
    }

    @Override
    public void answered(LeaseKeepAliveResponse answer) {
        Members members = endpoint.membersNow(deadline);
        if (members != null) {
            finish(answer, members);
        } else {
            endpoint.members(deadline).thenAccept(known -> finish(answer, known));
        }
    }

    private void finish(LeaseKeepAliveResponse answer, Members members) {
        Response response;
        try {
            response = client.keepAliveAnswer(endpoint, target, key, registration, answer, members, deadline);
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        if (complete(response)) {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void failed(Throwable failure) {
        if (completeExceptionally(Calls.unwrap(failure))) {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            inFlight.decrementAndGet();
            endpoint.keepAlives().forget(registration.lease, this, sentAt);
        }
        return cancelled;
    }
}
