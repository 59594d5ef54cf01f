package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry server's open connections and the limits on them: at most {@code maxConnections}
 * in all and {@code maxConnectionsPerPeer} per peer address. A newcomer over a limit first evicts
 * the oldest connection (of that peer at its limit, else of all) that never delivered a complete
 * frame, with error {@code RESOURCE_EXHAUSTED}; when there is none, the newcomer is refused with
 * that error. Used by the server's I/O thread only, except {@link #count()}.
 */
final class ConnectionSlots {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSlots.class);

    private final int maxConnections;
    private final int maxPerPeer;
    /** In the order they were accepted: the first never-completed one is the oldest. */
    private final Set<ServerConnection> open = new LinkedHashSet<>();
    private final Map<InetAddress, Integer> openPerPeer = new HashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    ConnectionSlots(int maxConnections, int maxPerPeer) {
        this.maxConnections = maxConnections;
        this.maxPerPeer = maxPerPeer;
    }

    /** Any thread: the number of open connections. */
    int count() {
        return count.get();
    }

    /** The open connections, oldest first; do not modify. */
    Iterable<ServerConnection> all() {
        return open;
    }

    /** A copy of the open connections, to iterate while some close. */
    List<ServerConnection> snapshot() {
        return new ArrayList<>(open);
    }

    void add(ServerConnection connection) {
        open.add(connection);
        openPerPeer.merge(connection.peer(), 1, Integer::sum);
        count.incrementAndGet();
    }

    /** A connection closed; idempotent. */
    void remove(ServerConnection connection) {
        if (open.remove(connection)) {
            count.decrementAndGet();
            openPerPeer.computeIfPresent(connection.peer(), (peer, n) -> n == 1 ? null : n - 1);
        }
    }

    /**
     * Frees a slot for a newcomer from {@code peer} when a limit is reached, by evicting a silent
     * connection.
     *
     * @return null when there is room now, else why the newcomer is refused
     */
    String noRoomFor(InetAddress peer) {
        if (openPerPeer.getOrDefault(peer, 0) >= maxPerPeer) {
            String why = "this peer has " + maxPerPeer + " connections open (maxConnectionsPerPeer)";
            if (!evictOldestSilent(peer, why)) {
                return why;
            }
        }
        if (open.size() >= maxConnections) {
            String why = "the server has " + maxConnections + " connections open (maxConnections)";
            if (!evictOldestSilent(null, why)) {
                return why;
            }
        }
        return null;
    }

    /** Sends a refused newcomer an error frame best effort (the channel is non-blocking), then closes it. */
    static void refuse(SocketChannel channel, String remote, String why) throws IOException {
        String message = "connection refused: " + why;
        LOG.warn("refusing connection from {}: {}", remote, why);
        ByteBuffer frame = ByteBuffer.allocate(Codec.errorFrameSize(message));
        Codec.putError(frame, 0, Wire.ERROR_RESOURCE_EXHAUSTED, message);
        frame.flip();
        try {
            channel.write(frame);
        } finally {
            channel.close();
        }
    }

    /**
     * Runs {@code work} for {@code connection}: whatever it throws, a bug or an {@link Error} such as
     * an {@link OutOfMemoryError}, closes that connection only, and the server goes on.
     */
    static void guarded(ServerConnection connection, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            LOG.error("unexpected failure serving a connection; closing it", e);
            connection.closeForMisbehaviour("unexpected failure: " + e);
        }
    }

    /** Evicts the oldest never-completed connection, of {@code peer} or (null) of anyone. */
    private boolean evictOldestSilent(InetAddress peer, String why) {
        for (ServerConnection connection : open) {
            if (!connection.sentCompleteFrame() && (peer == null || peer.equals(connection.peer()))) {
                connection.closeWithError(Wire.ERROR_RESOURCE_EXHAUSTED, "evicted for a newcomer: " + why
                        + " and this connection has sent no complete frame");
                return true;
            }
        }
        return false;
    }
}
