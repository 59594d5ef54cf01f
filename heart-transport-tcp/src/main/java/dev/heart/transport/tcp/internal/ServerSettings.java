package dev.heart.transport.tcp.internal;

import dev.heart.transport.tcp.ClientAuthorizer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The registry server's settings, validated by {@code TcpRegistryServer.Builder}.
 *
 * @param bind                     where to listen; port 0 for any free port
 * @param maxFrameSize             largest frame accepted or sent, in bytes
 * @param maxConnections           connections served at once
 * @param maxConnectionsPerPeer    connections served at once from one peer address
 * @param maxInFlightPerConnection requests of one connection handled at once; beyond, the server
 *                                 stops reading that connection until some finish
 * @param partialFrameBudget       bytes all connections together may hold of partly received
 *                                 frames beyond each connection's initial buffer
 * @param firstFrameTimeout        a new connection must deliver its first complete frame within this long
 * @param idleTimeout              a connection with nothing in flight and no byte received for this
 *                                 long is closed
 * @param frameReadTimeout         a frame must arrive whole within this long of its first byte, and
 *                                 a client must take answers within this long
 * @param closeTimeout             how long {@code close} lets in-flight requests finish
 * @param handlerThreads           size of the handler pool when virtual threads are not available
 * @param tls                      the TLS key material; null for plaintext
 * @param authorizer               decides which registrants a client certificate may send for;
 *                                 null to let every request through
 */
public record ServerSettings(
        InetSocketAddress bind,
        int maxFrameSize,
        int maxConnections,
        int maxConnectionsPerPeer,
        int maxInFlightPerConnection,
        long partialFrameBudget,
        Duration firstFrameTimeout,
        Duration idleTimeout,
        Duration frameReadTimeout,
        Duration closeTimeout,
        int handlerThreads,
        @Nullable TlsMaterial tls,
        @Nullable ClientAuthorizer authorizer) {

    /** How often the I/O thread sweeps timeouts: a quarter of the shortest timeout, within 10 ms and 1 s. */
    long sweepIntervalNanos() {
        return Math.max(
                TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(
                        TimeUnit.SECONDS.toNanos(1),
                        Math.min(
                                        Codec.nanos(idleTimeout()),
                                        Math.min(Codec.nanos(firstFrameTimeout()), Codec.nanos(frameReadTimeout())))
                                / 4));
    }
}
