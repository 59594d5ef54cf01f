package dev.heart.transport.etcd.internal;

import dev.heart.api.TransportException;
import dev.heart.transport.etcd.grpc.LeaseGrpc;
import dev.heart.transport.etcd.grpc.LeaseKeepAliveRequest;
import dev.heart.transport.etcd.grpc.LeaseKeepAliveResponse;
import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's one {@code Lease.LeaseKeepAlive} stream, shared by every registrant: each
 * keepalive is one message, and each answer completes the oldest keepalive waiting for that lease
 * id. Keepalives are written in batches: the first one of a batch schedules a flush on the
 * endpoint's event loop at most the batching window later, and every keepalive sent meanwhile goes
 * out in the same write (so etcd, too, reads and answers them together). A broken stream fails every keepalive waiting on it (the engine retries them as attempts);
 * it is opened again by the next keepalive once a backoff has passed (100 ms, doubling up to 1 s,
 * back to 100 ms after an answer). Thread-safe: a lock guards the stream and the waiting table.
 */
final class KeepAlives {
    private static final Logger LOG = LoggerFactory.getLogger(KeepAlives.class);
    private static final long MIN_BACKOFF = 100_000_000L;
    private static final long MAX_BACKOFF = 1_000_000_000L;
    /** A stream silent this long while keepalives wait on it, one of them given up, is taken for stuck. */
    private static final long STUCK_AFTER = 2_000_000_000L;

    private final Endpoint endpoint;
    private final Object lock = new Object();
    /** The open stream's request side; null while closed. Guarded by lock. */
    private @Nullable StreamObserver<LeaseKeepAliveRequest> stream;
    /** Identifies the open stream to its callbacks, which may run before open() returns. Guarded by lock. */
    private @Nullable Object streamId;
    /** Keepalives sent and not answered, per lease id, oldest first. Guarded by lock. */
    private Map<Long, ArrayDeque<Waiter>> waiting = new HashMap<>();

    private int failures;
    /** The last failure of a stream, described; null before any. Guarded by lock. */
    private @Nullable Throwable lastFailure;

    private long reopenAt = System.nanoTime();
    private boolean closed;
    /** When the last answer arrived, on {@link System#nanoTime()}. Guarded by lock. */
    private long lastAnswerAt = System.nanoTime();
    /** When the open stream was opened. Guarded by lock. */
    private long openedAt = System.nanoTime();

    /** Who waits for one keepalive's answer. */
    interface Waiter {
        /** etcd answered (TTL 0: it no longer knows the lease). */
        void answered(LeaseKeepAliveResponse response);

        /** The keepalive failed: the stream broke, could not be opened, or the transport closed. */
        void failed(Throwable failure);

        /** Whether the waiter has its outcome already (a flush skips it). */
        boolean isDone();
    }

    /** A keepalive not yet written on the stream. */
    private record Pending(long lease, Waiter answer) {}

    /** Keepalives waiting for the next flush, in order. Guarded by lock. */
    private List<Pending> pending = new ArrayList<>();
    /** When the scheduled flush runs, on {@link System#nanoTime()}; meaningful while pending is not empty. Guarded by lock. */
    private long flushDue;

    private final long window;
    private final EventLoop loop;

    /**
     * @param endpoint whose channel carries the stream
     * @param loop     the event loop that writes batches
     * @param window   how long a keepalive may wait for others to join its write; zero writes at once
     */
    KeepAlives(Endpoint endpoint, EventLoop loop, Duration window) {
        this.endpoint = endpoint;
        this.loop = loop;
        this.window = window.toNanos();
    }

    /**
     * Sends a keepalive of {@code lease}: it joins the batch written at the next flush, at most
     * the batching window or a tenth of {@code deadline} from now, whichever is sooner.
     * {@code answer} is told etcd's answer (TTL 0 when etcd no longer knows the lease), or that
     * the keepalive failed (the stream broke or cannot be opened yet), exactly once and never
     * under the lock; a waiter that gave up calls {@link #forget}.
     */
    void keepAlive(long lease, Duration deadline, Waiter answer) {
        long sentAt = System.nanoTime();
        long flushAt = sentAt + Math.min(window, deadline.toNanos() / 10);
        boolean schedule = false;
        TransportException refused = null;
        synchronized (lock) {
            if (closed) {
                refused = new TransportException(endpoint.uri(), "etcd transport is closed");
            } else if (stream == null && reopenAt - sentAt > 0) {
                refused = down(reopenAt - sentAt);
            } else {
                pending.add(new Pending(lease, answer));
                schedule = pending.size() == 1 || flushAt - flushDue < 0;
                if (schedule) {
                    flushDue = flushAt;
                }
            }
        }
        if (refused != null) {
            answer.failed(refused);
            return;
        }
        if (schedule) {
            long delay = flushAt - System.nanoTime();
            if (delay <= 0) {
                loop.execute(this::flush);
            } else {
                loop.schedule(this::flush, delay, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * Writes every pending keepalive on the stream, opening it when it is closed and its backoff
     * has passed; runs on the endpoint's event loop, so that one batch is one write.
     */
    private void flush() {
        List<Waiter> refused = null;
        Throwable why = null;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            if (stream == null && !closed && reopenAt - System.nanoTime() <= 0) {
                open();
            }
            if (stream == null) { // in its backoff, closed, or it failed as it opened
                refused = new ArrayList<>(pending.size());
                for (Pending each : pending) {
                    refused.add(each.answer);
                }
                why = closed
                        ? new TransportException(endpoint.uri(), "etcd transport is closed")
                        : down(reopenAt - System.nanoTime());
            } else {
                for (Pending each : pending) {
                    if (each.answer.isDone()) {
                        continue;
                    }
                    if (stream == null) { // broke while writing (its callback ran inline)
                        refused = refused == null ? new ArrayList<>() : refused;
                        refused.add(each.answer);
                        why = down(reopenAt - System.nanoTime());
                        continue;
                    }
                    waiting.computeIfAbsent(each.lease, id -> new ArrayDeque<>(2))
                            .addLast(each.answer);
                    stream.onNext(
                            LeaseKeepAliveRequest.newBuilder().setID(each.lease).build());
                }
            }
            pending = new ArrayList<>();
        }
        if (refused != null) {
            Throwable cause = Objects.requireNonNull(why, "set with refused");
            refused.forEach(answer -> answer.failed(cause));
        }
    }

    /** Why the stream is closed: the last failure's description, with it as the cause. Holds the lock. */
    private TransportException down(long wait) {
        Throwable why = lastFailure;
        return new TransportException(
                endpoint.uri(),
                "etcd keepalive stream is down"
                        + (why == null ? "" : " (" + why.getMessage() + ")") + "; opening it again in "
                        + Math.max(0, wait / 1_000_000) + " ms",
                why);
    }

    /** Keepalives waiting for an answer, for tests and limits. */
    int waiting() {
        synchronized (lock) {
            return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
        }
    }

    /**
     * A keepalive was given up (its attempt timed out, or the beating stopped), sent at
     * {@code sentAt}: it is forgotten. When nothing at
     * all was answered on the stream since it was sent, for 2 s, and the channel's connection is no
     * longer ready (a member shutting down sends GOAWAY but keeps its open streams without
     * answering), the stream is taken for stuck and broken, so the retry opens a new one on a new
     * connection. A slow etcd on a ready connection is waited for, never taken for stuck.
     */
    void forget(long lease, Waiter answer, long sentAt) {
        Object stuck = null;
        synchronized (lock) {
            ArrayDeque<Waiter> queue = waiting.get(lease);
            if (queue != null && queue.remove(answer) && queue.isEmpty()) {
                waiting.remove(lease);
            }
            long now = System.nanoTime();
            if (stream != null
                    && lastAnswerAt - sentAt < 0
                    && now - lastAnswerAt > STUCK_AFTER
                    && now - openedAt > STUCK_AFTER
                    && endpoint.channel().getState(false) != io.grpc.ConnectivityState.READY) {
                stuck = streamId;
            }
        }
        if (stuck != null) {
            StreamObserver<LeaseKeepAliveRequest> dead = broken(
                    stuck,
                    new TransportException(endpoint.uri(), "no answer on the keepalive stream; opening a new one"));
            synchronized (lock) {
                reopenAt = System.nanoTime(); // not a failure of etcd's: the retry may open at once
            }
            if (dead != null) {
                try {
                    dead.onError(io.grpc.Status.CANCELLED
                            .withDescription("no answer")
                            .asRuntimeException());
                } catch (RuntimeException e) {
                    // over already
                }
            }
        }
    }

    /** Opens the stream; holds the lock. */
    private void open() {
        Object id = new Object();
        streamId = id;
        openedAt = System.nanoTime();
        StreamObserver<LeaseKeepAliveResponse> answers = new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse response) {
                answered(response);
            }

            @Override
            public void onError(Throwable failure) {
                broken(id, failure);
            }

            @Override
            public void onCompleted() {
                broken(id, new TransportException(endpoint.uri(), "etcd ended the keepalive stream"));
            }
        };
        StreamObserver<LeaseKeepAliveRequest> opened = ClientCalls.asyncBidiStreamingCall(
                endpoint.channel().newCall(LeaseGrpc.getLeaseKeepAliveMethod(), endpoint.streamOptions()), answers);
        if (streamId != id) {
            // gRPC ran the callbacks inline (direct executor) and the stream failed at once: it stays closed
            LOG.debug("keepalive stream to {} failed as it opened", endpoint.uri());
            return;
        }
        stream = opened;
        LOG.debug("keepalive stream to {} opened", endpoint.uri());
    }

    private void answered(LeaseKeepAliveResponse response) {
        Waiter first = null;
        synchronized (lock) {
            failures = 0;
            lastAnswerAt = System.nanoTime();
            ArrayDeque<Waiter> queue = waiting.get(response.getID());
            if (queue != null) {
                first = queue.pollFirst();
                if (queue.isEmpty()) {
                    waiting.remove(response.getID());
                }
            }
        }
        if (first != null) {
            first.answered(response);
        }
    }

    /** Ends the stream {@code which} if it is still the open one; returns its request side, or null. */
    private @Nullable StreamObserver<LeaseKeepAliveRequest> broken(Object which, Throwable failure) {
        List<Waiter> failed = new ArrayList<>();
        StreamObserver<LeaseKeepAliveRequest> ended;
        synchronized (lock) {
            if (streamId != which) {
                return null;
            }
            ended = stream;
            stream = null;
            streamId = null;
            failures++;
            long backoff = Math.min(MAX_BACKOFF, MIN_BACKOFF << Math.min(failures - 1, 6));
            reopenAt = System.nanoTime() + backoff;
            waiting.values().forEach(failed::addAll);
            waiting = new HashMap<>();
        }
        if (Calls.tokenRejected(failure)) {
            endpoint.tokenRejected();
        }
        endpoint.unavailable(failure);
        Throwable cause = Calls.describe(endpoint.uri(), "keepalive", failure);
        synchronized (lock) {
            lastFailure = cause;
        }
        LOG.debug("keepalive stream to {} broke ({} waiting): {}", endpoint.uri(), failed.size(), cause.getMessage());
        failed.forEach(answer -> answer.failed(cause));
        return ended;
    }

    /** Fails every waiting keepalive and ends the stream. */
    void close() {
        List<Waiter> failed = new ArrayList<>();
        StreamObserver<LeaseKeepAliveRequest> open;
        synchronized (lock) {
            closed = true;
            open = stream;
            stream = null;
            streamId = null;
            waiting.values().forEach(failed::addAll);
            waiting = new HashMap<>();
            pending.forEach(each -> failed.add(each.answer));
            pending = new ArrayList<>();
        }
        TransportException cause = new TransportException(endpoint.uri(), "etcd transport closed");
        failed.forEach(answer -> answer.failed(cause));
        if (open != null) {
            try {
                open.onError(
                        io.grpc.Status.CANCELLED.withDescription("heart closed").asRuntimeException());
            } catch (RuntimeException e) {
                // the call is over already
            }
        }
    }
}
