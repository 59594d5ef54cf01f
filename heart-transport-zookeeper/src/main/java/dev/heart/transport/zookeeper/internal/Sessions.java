package dev.heart.transport.zookeeper.internal;

import dev.heart.api.TransportException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one ensemble, one at a time: opens the first at the first request, holds the
 * requests that wait for a connection (each until its deadline), follows the session's state, and
 * gives a session up for a new one when the ensemble expired it or it stayed disconnected for
 * longer than its timeout. State changes are handled on the transport's timer thread, which also
 * opens the sessions (so ZooKeeper's threads are named {@code heart-zk-...}).
 */
final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final ZkProtocol owner;
    private final Target target;
    private final Ensemble ensemble;
    private final Object lock = new Object();
    private final List<Call> parked = new ArrayList<>(); // guarded by lock
    private volatile @Nullable Session current; // null before the first request
    private boolean closed; // guarded by lock

    Sessions(ZkProtocol owner, Target target, Ensemble ensemble) {
        this.owner = owner;
        this.target = target;
        this.ensemble = ensemble;
    }

    /** The session now, or null before the first request and after {@link #close()}. */
    @Nullable
    Session current() {
        return current;
    }

    Ensemble ensemble() {
        return ensemble;
    }

    ScheduledThreadPoolExecutor timer() {
        return owner.timer;
    }

    /** Holds {@code call} until the session connects (opening the first one) or its deadline passes. */
    void park(Call call) {
        boolean start = false;
        synchronized (lock) {
            if (closed) {
                call.future.completeExceptionally(
                        new TransportException(call.request.target(), "the ZooKeeper transport is closed"));
                return;
            }
            Session c = current;
            if (c != null && c.connected) {
                // connected meanwhile: answer now (outside the lock)
            } else {
                parked.add(call);
                Session fresh = null;
                if (c == null) {
                    fresh = new Session(
                            this, (int) owner.settings.sessionTimeout().toMillis());
                    current = fresh;
                    start = true;
                }
                long wait = Math.max(0, call.deadlineNanos - System.nanoTime());
                try {
                    call.timeout = owner.timer.schedule(() -> expire(call), wait, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException closing) {
                    parked.remove(call);
                    call.future.completeExceptionally(
                            new TransportException(call.request.target(), "the ZooKeeper transport is closed"));
                    return;
                }
                call.future.whenComplete((r, e) -> {
                    if (call.future.isCancelled()) {
                        synchronized (lock) {
                            parked.remove(call);
                        }
                        call.cancelTimeout();
                    }
                });
                if (start && fresh != null) { // start means fresh was made
                    Session opening = fresh;
                    try {
                        owner.timer.execute(() -> open(opening));
                    } catch (RejectedExecutionException closing) {
                        parked.remove(call);
                        call.cancelTimeout();
                        call.future.completeExceptionally(
                                new TransportException(call.request.target(), "the ZooKeeper transport is closed"));
                    }
                }
                return;
            }
        }
        ensemble.dispatch(call);
    }

    private void expire(Call call) {
        synchronized (lock) {
            if (!parked.remove(call)) {
                return;
            }
        }
        if (call.disconnect()) {
            // the session may well be alive and keep the znode: delete it when it reconnects
            // (a deregistration lost with the connection, CURATOR-617, is what this avoids)
            Session c = current;
            Registration reg = ensemble.registration(call.path);
            if (c != null && reg != null && reg.session == c) {
                ensemble.forget(call.path, reg);
                c.pendingDeletes.add(call.path);
            }
        }
        call.future.completeExceptionally(new TransportException(
                call.request.target(),
                "not connected to ZooKeeper (" + target.connectString() + ") within the attempt's deadline"));
    }

    /** Opens the session of {@code c}; on the timer thread, so ZooKeeper's threads are named heart-zk-... */
    private void open(Session c) {
        if (current != c || owner.closed) {
            return;
        }
        try {
            ZooKeeper zk = ZkClients.open(owner, target, c);
            c.zk = zk;
        } catch (Exception | LinkageError e) {
            LOG.warn("cannot open a ZooKeeper session to {}: {}", target.connectString(), e.toString());
            List<Call> failed;
            synchronized (lock) {
                if (current == c) {
                    current = null;
                }
                failed = new ArrayList<>(parked);
                parked.clear();
            }
            for (Call call : failed) {
                call.cancelTimeout();
                call.future.completeExceptionally(new TransportException(
                        call.request.target(), "cannot open a ZooKeeper session: " + e.getMessage(), e));
            }
        }
    }

    /** A state change of {@code c}'s session; on the timer thread. */
    void onState(Session c, Watcher.Event.KeeperState state) {
        if (current != c || owner.closed) {
            return;
        }
        switch (state) {
            case SyncConnected -> connected(c);
            case Disconnected -> {
                if (c.connected) {
                    c.connected = false;
                    int epoch = ++c.disconnects;
                    LOG.info(
                            "lost the connection to ZooKeeper ({}); its client is reconnecting",
                            target.connectString());
                    owner.timer.schedule(
                            () -> {
                                if (current == c && !c.connected && c.disconnects == epoch) {
                                    replace(
                                            c,
                                            "disconnected for longer than the session timeout (" + c.timeoutMs
                                                    + " ms)");
                                }
                            },
                            c.timeoutMs,
                            TimeUnit.MILLISECONDS);
                }
            }
            case Expired -> replace(c, "the ensemble expired the session");
            case AuthFailed -> LOG.warn("ZooKeeper ({}) refused the session's authentication", target.connectString());
            default -> {}
        }
    }

    private void connected(Session c) {
        ZooKeeper zk = c.zk;
        if (zk == null) {
            return;
        }
        boolean reconnect = c.everConnected;
        c.everConnected = true;
        c.sessionId = zk.getSessionId();
        c.timeoutMs = zk.getSessionTimeout();
        c.connected = true;
        if (reconnect) {
            LOG.info("connected to ZooKeeper ({}) again, same session", target.connectString());
            verify(c);
        } else {
            LOG.debug(
                    "ZooKeeper session 0x{} to {}, timeout {} ms",
                    Long.toHexString(c.sessionId),
                    target.connectString(),
                    c.timeoutMs);
        }
        for (String path : c.pendingDeletes) {
            c.pendingDeletes.remove(path);
            if (ensemble.registration(path) == null) {
                zk.delete(path, -1, (rc, p, ctx) -> {}, null);
            }
        }
        List<Call> ready;
        synchronized (lock) {
            ready = new ArrayList<>(parked);
            parked.clear();
        }
        for (Call call : ready) {
            call.cancelTimeout();
            ensemble.dispatch(call);
        }
    }

    /**
     * After a reconnection in the same session: a persistent watch does not replay what happened
     * while disconnected, so each watched service's children are read once, and registrations
     * missing from them are gone.
     */
    private void verify(Session c) {
        for (String service : c.watched) {
            Set<String> present = new HashSet<>();
            String prefix = service + "/";
            for (Map.Entry<String, Registration> entry :
                    ensemble.registrations().entrySet()) {
                if (entry.getKey().startsWith(prefix) && entry.getValue().presentIn(c)) {
                    present.add(entry.getKey());
                }
            }
            if (present.isEmpty()) {
                continue;
            }
            ZooKeeper zk = c.client();
            zk.getChildren(
                    service,
                    false,
                    (rc, path, ctx, children) -> {
                        if (rc != Code.OK.intValue() && rc != Code.NONODE.intValue()) {
                            return;
                        }
                        Set<String> alive = new HashSet<>();
                        if (children != null) {
                            for (String child : children) {
                                alive.add(prefix + child);
                            }
                        }
                        for (String p : present) {
                            if (!alive.contains(p)) {
                                ensemble.gone(c, p);
                            }
                        }
                    },
                    null);
        }
    }

    /** Gives up {@code c} and starts a new session: every registration of {@code c} is answered NOT_REGISTERED. */
    private void replace(Session c, String why) {
        Session fresh;
        synchronized (lock) {
            if (current != c || closed) {
                return;
            }
            c.connected = false;
            fresh = new Session(this, (int) owner.settings.sessionTimeout().toMillis());
            current = fresh;
        }
        LOG.info("new ZooKeeper session to {}: {}; registrants register again", target.connectString(), why);
        open(fresh);
        ZooKeeper old = c.zk;
        if (old != null) {
            Thread closer = new Thread(() -> closeQuietly(old), "heart-zk-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private static void closeQuietly(ZooKeeper zk) {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("closing an old ZooKeeper session failed", e);
        }
    }

    /** Requests waiting for a connection. */
    int parkedCount() {
        synchronized (lock) {
            return parked.size();
        }
    }

    /** Fails the waiting requests and closes the session: the ensemble deletes its znodes at once. */
    void close() {
        List<Call> failed;
        Session c;
        synchronized (lock) {
            closed = true;
            failed = new ArrayList<>(parked);
            parked.clear();
            c = current;
            current = null;
        }
        for (Call call : failed) {
            if (call.timeout != null) {
                call.cancelTimeout();
            }
            call.future.completeExceptionally(
                    new TransportException(call.request.target(), "the ZooKeeper transport is closed"));
        }
        if (c != null && c.zk != null) {
            closeQuietly(c.zk);
        }
    }
}
