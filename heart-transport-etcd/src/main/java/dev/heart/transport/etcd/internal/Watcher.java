package dev.heart.transport.etcd.internal;

import com.google.protobuf.ByteString;
import dev.heart.transport.etcd.grpc.Event;
import dev.heart.transport.etcd.grpc.WatchCreateRequest;
import dev.heart.transport.etcd.grpc.WatchGrpc;
import dev.heart.transport.etcd.grpc.WatchRequest;
import dev.heart.transport.etcd.grpc.WatchResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's one {@code Watch} of {@value Names#KEY_PREFIX}: a registration whose key
 * is deleted, or written with another lease, after our own put is marked lost, and its next beat
 * answers "not registered". Reopened by the next beat after a backoff when broken, from the
 * revision after the last one seen. Thread-safe: a lock guards the stream state.
 */
final class Watcher {
    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    private static final ByteString PREFIX = ByteString.copyFromUtf8(Names.KEY_PREFIX);
    private static final ByteString PREFIX_END = prefixEnd(Names.KEY_PREFIX);

    private final Endpoint endpoint;
    private final Object lock = new Object();
    private @Nullable StreamObserver<WatchRequest> stream;
    /** Whether {@link #stream} is set, readable without the lock. */
    private volatile boolean streamOpen;
    /** Identifies the open stream to its callbacks, which may run before it is assigned. Guarded by lock. */
    private @Nullable Object streamId;

    private long lastRevision;
    private int failures;
    private long reopenAt = System.nanoTime();
    private boolean closed;

    Watcher(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Opens the watch when it is not open and its backoff has passed; cheap when open. */
    void ensureOpen() {
        if (streamOpen) {
            return; // the common case, without the lock
        }
        synchronized (lock) {
            if (stream != null || closed || reopenAt - System.nanoTime() > 0) {
                return;
            }
            Object id = new Object();
            streamId = id;
            StreamObserver<WatchResponse> events = new StreamObserver<>() {
                @Override
                public void onNext(WatchResponse response) {
                    seen(id, response);
                }

                @Override
                public void onError(Throwable failure) {
                    broken(id, failure);
                }

                @Override
                public void onCompleted() {
                    broken(id, null);
                }
            };
            StreamObserver<WatchRequest> opened = ClientCalls.asyncBidiStreamingCall(
                    endpoint.channel().newCall(WatchGrpc.getWatchMethod(), endpoint.streamOptions()), events);
            if (streamId != id) {
                return; // failed at once, its callback ran inline (direct executor): stays closed
            }
            stream = opened;
            WatchCreateRequest.Builder create =
                    WatchCreateRequest.newBuilder().setKey(PREFIX).setRangeEnd(PREFIX_END);
            if (lastRevision > 0) {
                create.setStartRevision(lastRevision + 1);
            }
            stream.onNext(WatchRequest.newBuilder().setCreateRequest(create).build());
            streamOpen = true;
        }
    }

    private void seen(Object which, WatchResponse response) {
        synchronized (lock) {
            if (which != streamId) {
                return;
            }
            failures = 0;
            lastRevision = Math.max(lastRevision, response.getHeader().getRevision());
            if (response.getCanceled()) {
                LOG.debug(
                        "watch of {} at {} cancelled by etcd: {}",
                        Names.KEY_PREFIX,
                        endpoint.uri(),
                        response.getCancelReason());
                if (response.getCompactRevision() > 0) {
                    lastRevision = response.getCompactRevision() - 1;
                }
                if (stream != null) { // null only if etcd answered before the stream was assigned
                    stream.onCompleted();
                }
                stream = null;
                streamOpen = false;
                streamId = null;
                reopenAt = System.nanoTime() + 1_000_000_000L;
                return;
            }
        }
        for (Event event : response.getEventsList()) {
            String key = event.getKv().getKey().toString(StandardCharsets.UTF_8);
            Registration registration = endpoint.registrationOf(key);
            if (registration == null || event.getKv().getModRevision() <= registration.putRevision) {
                continue;
            }
            if (event.getType() == Event.EventType.DELETE || event.getKv().getLease() != registration.lease) {
                LOG.debug(
                        "{} at {} was {} behind our back",
                        key,
                        endpoint.uri(),
                        event.getType() == Event.EventType.DELETE ? "deleted" : "overwritten");
                registration.markLost();
            }
        }
    }

    private void broken(Object which, @Nullable Throwable failure) {
        synchronized (lock) {
            if (which != streamId) {
                return;
            }
            stream = null;
            streamOpen = false;
            streamId = null;
            failures++;
            reopenAt = System.nanoTime() + Math.min(1_000_000_000L, 100_000_000L << Math.min(failures - 1, 6));
        }
        if (failure != null && Calls.tokenRejected(failure)) {
            endpoint.tokenRejected();
        }
        if (failure != null) {
            endpoint.unavailable(failure);
        }
        LOG.debug("watch of {} at {} broke: {}", Names.KEY_PREFIX, endpoint.uri(), failure);
    }

    /** Ends the watch. */
    void close() {
        StreamObserver<WatchRequest> open;
        synchronized (lock) {
            closed = true;
            open = stream;
            stream = null;
            streamOpen = false;
            streamId = null;
        }
        if (open != null) {
            try {
                open.onError(
                        io.grpc.Status.CANCELLED.withDescription("heart closed").asRuntimeException());
            } catch (RuntimeException e) {
                // over already
            }
        }
    }

    private static ByteString prefixEnd(String prefix) {
        byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 1]++;
        return ByteString.copyFrom(bytes);
    }
}
