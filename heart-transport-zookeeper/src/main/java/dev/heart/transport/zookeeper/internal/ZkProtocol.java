package dev.heart.transport.zookeeper.internal;

import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.security.Credentials;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The ZooKeeper {@link RequestProtocol}: one {@link Ensemble} (one session) per connect string,
 * shared by every registrant, and one timer thread, {@code heart-zk}, on which ZooKeeper's own
 * threads are started (so they are named {@code heart-zk-SendThread(...)} and
 * {@code heart-zk-EventThread}).
 */
public final class ZkProtocol implements RequestProtocol {
    private static final int MAX_CACHED_TARGETS = 10_000;

    final ZkSettings settings;
    final TlsStores tls;
    final ScheduledThreadPoolExecutor timer;
    final AtomicInteger registrations = new AtomicInteger();
    private final ConcurrentHashMap<String, Ensemble> ensembles = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<URI, Target> targets = new ConcurrentHashMap<>();
    /** The ensemble of each target sent to, so that a beat finds it without building its key. */
    private final ConcurrentHashMap<URI, Ensemble> byTarget = new ConcurrentHashMap<>();

    volatile boolean closed;

    /**
     * A new, open protocol.
     *
     * @param settings checked settings
     * @throws IllegalArgumentException when the TLS settings cannot be used with ZooKeeper
     * @throws dev.heart.api.HeartException naming a TLS file that cannot be read or used
     */
    public ZkProtocol(ZkSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = TlsStores.of(settings.tls());
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "heart-zk");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(deadline, "deadline must not be null");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
        Target target = target(request.target());
        RegistrantInfo who = request.request().registrant();
        String path = Layout.path(settings.root(), who);
        if (!request.request().disconnect()) {
            Ensemble known = byTarget.get(target.uri());
            if (known == null || !known.holds(path, who)) { // else checked when it was first sent
                Layout.Address.of(who); // a bad address fails here, not in a callback
            }
        }
        if (closed) {
            return CompletableFuture.failedFuture(
                    new TransportException(request.target(), "the ZooKeeper transport is closed"));
        }
        return ensemble(target).send(request, path, deadline);
    }

    private Ensemble ensemble(Target target) {
        Ensemble known = byTarget.get(target.uri());
        if (known != null) {
            return known;
        }
        String key = (target.secure() ? "zks|" : "zk|") + target.connectString();
        Ensemble ensemble = ensembles.computeIfAbsent(key, k -> new Ensemble(this, target));
        if (byTarget.size() < MAX_CACHED_TARGETS) {
            byTarget.put(target.uri(), ensemble);
        }
        return ensemble;
    }

    @Override
    public void check(URI target) {
        try {
            target(Objects.requireNonNull(target, "target must not be null"));
        } catch (IllegalArgumentException e) {
            throw new NoTransportException(e.getMessage(), e);
        }
    }

    private Target target(URI uri) {
        Target known = targets.get(uri);
        if (known != null) {
            return known;
        }
        Target target = Target.parse(uri);
        Credentials credentials = settings.credentials();
        if (credentials != null) { // refused before anything is sent
            credentials.checkChannel(uri, target.secure());
        }
        if (targets.size() < MAX_CACHED_TARGETS) {
            targets.put(uri, target);
        }
        return target;
    }

    /**
     * Requests waiting for a connection or a ZooKeeper answer.
     *
     * @return how many
     */
    public int pendingCount() {
        int count = 0;
        for (Ensemble ensemble : ensembles.values()) {
            count += ensemble.pendingCount();
        }
        return count;
    }

    /**
     * The current session of the ensemble of {@code target}, for tests that make the ensemble
     * expire it: {@code [sessionId, password]}, or null when there is none. Not API.
     *
     * @param target a target of this protocol
     * @return the session id and password, or null
     */
    public Object @Nullable [] session(URI target) {
        Target t = target(target);
        Ensemble ensemble = ensembles.get((t.secure() ? "zks|" : "zk|") + t.connectString());
        return ensemble == null ? null : ensemble.session();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Ensemble ensemble : ensembles.values()) {
            ensemble.close();
        }
        ensembles.clear();
        byTarget.clear();
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tls.close(); // deletes the store files written for zks:// sessions
    }

    /**
     * The directory of the TLS store files written for {@code zks://} sessions, for tests; null
     * when none are written (no session yet, nothing to write, or closed). Not API.
     *
     * @return the directory, or null
     */
    public java.nio.file.@Nullable Path tlsStoreDirectory() {
        return tls.directory();
    }
}
