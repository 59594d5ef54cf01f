package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry server's open connections and the limits on them: at most {@code maxConnections}
 * in all and {@code maxConnectionsPerPeer} per peer, where a peer is an IPv4 address or an IPv6
 * /64 (one host usually holds a whole /64), and, under mutual TLS, also per client certificate
 * (counted once its first frame arrived). A newcomer over a limit first evicts the oldest
 * connection (of that peer at its limit, else of all) that never delivered a complete frame, else
 * the connection idle longest (nothing in flight, nothing to write, no byte received for at least
 * {@link #MIN_IDLE_TO_EVICT_NANOS}), with error {@code RESOURCE_EXHAUSTED}; when there is none, the
 * newcomer is refused with that error. So a peer that sent one frame cannot hold slots by sending
 * another every few minutes. Used by the server's I/O thread only, except {@link #count()}.
 */
final class ConnectionSlots {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSlots.class);

    /** A connection this quiet may be evicted for a newcomer (active clients are not). */
    static final long MIN_IDLE_TO_EVICT_NANOS = 5_000_000_000L;

    private final int maxConnections;
    private final int maxPerPeer;
    private final Map<Object, Integer> openPerCertificate = new HashMap<>();
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, 10_000_000_000L);
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
        openPerPeer.merge(peerOf(connection.peer()), 1, Integer::sum);
        count.incrementAndGet();
    }

    /** A connection closed; idempotent. */
    void remove(ServerConnection connection) {
        if (open.remove(connection)) {
            count.decrementAndGet();
            openPerPeer.computeIfPresent(peerOf(connection.peer()), (peer, n) -> n == 1 ? null : n - 1);
            Object certificate = connection.certificate().key();
            if (certificate != null) {
                openPerCertificate.computeIfPresent(certificate, (c, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /**
     * {@code connection}'s client certificate became known (its first frame): counted against the
     * per-peer limit for that certificate. Over it, the certificate's connection idle longest is
     * evicted, else {@code connection} itself is closed.
     *
     * @return false when {@code connection} was closed
     */
    boolean certificateKnown(ServerConnection connection, Object certificate) {
        int n = openPerCertificate.merge(certificate, 1, Integer::sum);
        if (n <= maxPerPeer) {
            return true;
        }
        String why = "this client certificate has " + maxPerPeer + " connections open (maxConnectionsPerPeer)";
        ServerConnection idle = longestIdle(
                c -> c != connection && certificate.equals(c.certificate().key()));
        if (idle != null) {
            idle.closeWithError(
                    Wire.ERROR_RESOURCE_EXHAUSTED,
                    "evicted for a newcomer: " + why + " and this connection was idle longest");
            return true;
        }
        connection.closeWithError(Wire.ERROR_RESOURCE_EXHAUSTED, "connection refused: " + why);
        return false;
    }

    /** The peer an address counts for: an IPv4 address itself, an IPv6 address its /64. */
    static InetAddress peerOf(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            return address; // 16 bytes are always an address
        }
    }

    /**
     * Frees a slot for a newcomer from {@code peer} when a limit is reached, by evicting a silent
     * connection.
     *
     * @return null when there is room now, else why the newcomer is refused
     */
    @Nullable
    String noRoomFor(InetAddress address) {
        InetAddress peer = peerOf(address);
        if (openPerPeer.getOrDefault(peer, 0) >= maxPerPeer) {
            String why = "this peer has " + maxPerPeer + " connections open (maxConnectionsPerPeer"
                    + (peer instanceof Inet6Address ? ", per IPv6 /64)" : ")");
            if (!evict(peer, why)) {
                return why;
            }
        }
        if (open.size() >= maxConnections) {
            String why = "the server has " + maxConnections + " connections open (maxConnections)";
            if (!evict(null, why)) {
                return why;
            }
        }
        return null;
    }

    /**
     * Sends a refused newcomer an error frame best effort (the channel is non-blocking), then closes
     * it; a WARN at most every 10 s, with the number of refusals not logged.
     */
    void refuse(SocketChannel channel, String remote, String why) throws IOException {
        String message = "connection refused: " + why;
        refusals.warn("refusing connections: {}", remote + ": " + why);
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

    /**
     * Evicts, of {@code peer}'s connections or (null) of all, the oldest that never completed a
     * frame, else the one idle longest.
     */
    private boolean evict(@Nullable InetAddress peer, String why) {
        for (ServerConnection connection : open) {
            if (!connection.sentCompleteFrame() && (peer == null || peer.equals(peerOf(connection.peer())))) {
                connection.closeWithError(
                        Wire.ERROR_RESOURCE_EXHAUSTED,
                        "evicted for a newcomer: " + why + " and this connection has sent no complete frame");
                return true;
            }
        }
        ServerConnection idle = longestIdle(c -> peer == null || peer.equals(peerOf(c.peer())));
        if (idle == null) {
            return false;
        }
        idle.closeWithError(
                Wire.ERROR_RESOURCE_EXHAUSTED,
                "evicted for a newcomer: " + why + " and this connection was idle longest");
        return true;
    }

    /** Of the connections {@code which} selects, the one idle longest and long enough to evict, or null. */
    private @Nullable ServerConnection longestIdle(java.util.function.Predicate<ServerConnection> which) {
        long now = System.nanoTime();
        ServerConnection idlest = null;
        for (ServerConnection connection : open) {
            if (which.test(connection)
                    && connection.drained()
                    && now - connection.lastActivityNanos() >= MIN_IDLE_TO_EVICT_NANOS
                    && (idlest == null || connection.lastActivityNanos() - idlest.lastActivityNanos() < 0)) {
                idlest = connection;
            }
        }
        return idlest;
    }
}
