package dev.heart.transport.zookeeper.internal;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

/**
 * One ZooKeeper session (one client handle) of an ensemble, and the watcher of its events: state
 * changes go to {@link Sessions} on the transport's timer thread, deletions seen by the persistent
 * recursive watches to {@link Ensemble#gone}. It remembers the service paths it watches and the
 * deletes to send again when it reconnects.
 */
final class Session implements Watcher {
    private final Sessions sessions;

    volatile @Nullable ZooKeeper zk;
    volatile boolean connected;
    volatile long sessionId;
    /** The session timeout: asked for until connected, then the one the ensemble granted. */
    volatile int timeoutMs;

    int disconnects; // on the timer thread
    boolean everConnected; // on the timer thread
    final Set<String> watched = ConcurrentHashMap.newKeySet();
    final Set<String> pendingDeletes = ConcurrentHashMap.newKeySet();

    /** The client handle, set when {@link Sessions} opened the session: every call on it comes after. */
    ZooKeeper client() {
        return Objects.requireNonNull(zk, "the ZooKeeper session is not open");
    }

    Session(Sessions sessions, int timeoutMs) {
        this.sessions = sessions;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void process(WatchedEvent event) {
        if (event.getType() == Event.EventType.None) {
            Event.KeeperState state = event.getState();
            try {
                sessions.timer().execute(() -> sessions.onState(this, state));
            } catch (RejectedExecutionException closing) {
                // the transport is closing
            }
            return;
        }
        if (event.getType() == Event.EventType.NodeDeleted && event.getPath() != null) {
            sessions.ensemble().gone(this, event.getPath());
        }
    }
}
