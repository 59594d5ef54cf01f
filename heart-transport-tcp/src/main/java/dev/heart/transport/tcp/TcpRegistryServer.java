package dev.heart.transport.tcp;

import dev.heart.api.RegistryHandler;
import dev.heart.api.internal.Checks;
import dev.heart.api.security.TlsConfig;
import dev.heart.transport.tcp.internal.Limits;
import dev.heart.transport.tcp.internal.RegistryServer;
import dev.heart.transport.tcp.internal.ServerSettings;
import dev.heart.transport.tcp.internal.TlsMaterial;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A registry server speaking the heart TCP protocol: it answers every request with a
 * {@link RegistryHandler}.
 *
 * <p>One selector thread ({@code heart-tcp-server-io-N}) accepts, reads and writes. Requests are
 * handled concurrently, also those of one connection, on an executor: by default a virtual thread
 * per request on Java 21 and later, else a bounded pool of threads named
 * {@code heart-tcp-server-N-handler-M}. A slow handler stalls no other request. A handler that throws
 * makes the client's request fail with a {@link dev.heart.api.TransportException} carrying its
 * message; one that throws an {@link Error} closes that request's connection only. Hostile input
 * (bad length, magic or version, truncated or stalled frames, connections that never send) closes
 * only the connection it came on, with a log line saying why. Memory is bounded by what peers
 * actually sent and by the limits of the {@link Builder}; connection slots cannot be hoarded (a
 * per-peer limit, a first-frame deadline, eviction of silent connections when full). Thread-safe.
 */
public interface TcpRegistryServer extends AutoCloseable {

    /**
     * The address the server is bound to, with the actual port when bound to port 0; never null.
     *
     * @return the bound address, with the actual port; never null
     */
    InetSocketAddress address();

    /**
     * {@code tcp://host:port} of {@link #address()}, or {@code tcps://host:port} with TLS: the
     * target clients send to; never null.
     *
     * @return the URI clients send to; never null
     */
    URI uri();

    /**
     * Reads the TLS key material again from the files it was configured with (a renewed
     * certificate, for instance), without a restart: new connections use it, open ones keep
     * theirs. Thread-safe.
     *
     * @throws IllegalStateException         when the server serves plaintext
     * @throws dev.heart.api.HeartException when the files cannot be read; the old material stays
     */
    void reloadTls();

    /**
     * Connections open now.
     *
     * @return the number of connections open at the moment of the call, 0 or more
     */
    int connectionCount();

    /**
     * Closes gracefully: stops accepting at once (the port is free when this returns), lets the
     * requests in flight finish within the close timeout, then closes every connection (clients
     * fail what is left) and stops the server's threads. Idempotent; blocks at most about the
     * close timeout.
     */
    @Override
    void close();

    /**
     * A builder of a server that answers with {@code handler}.
     *
     * @param handler answers every request, concurrently; not null
     * @return a new builder with the default limits; never null
     */
    static Builder builder(RegistryHandler handler) {
        return new Builder(handler);
    }

    /**
     * Starts a server on {@code 127.0.0.1}, any free port, with the default limits.
     *
     * @param handler answers every request, concurrently; not null
     * @return the started server; the caller closes it
     * @throws ServerBindException when no loopback port can be bound
     */
    static TcpRegistryServer start(RegistryHandler handler) {
        return builder(handler).start();
    }

    /** Settings of a registry server. Not thread-safe; {@link #start()} may be called repeatedly. */
    final class Builder {
        private final RegistryHandler handler;
        private InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private int maxFrameSize = Limits.DEFAULT_MAX_FRAME_SIZE;
        private int maxConnections = 1024;
        private int maxConnectionsPerPeer = 256;
        private int maxInFlightPerConnection = 1024;
        private long partialFrameBudget = 64L << 20;
        private Duration firstFrameTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration frameReadTimeout = Duration.ofSeconds(30);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private int handlerThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        private @Nullable Executor executor;
        private @Nullable TlsConfig tls;
        private @Nullable ClientAuthorizer authorizer;

        private Builder(RegistryHandler handler) {
            this.handler = Checks.notNull(handler, "handler");
        }

        /**
         * Where to listen; port 0 picks a free port; not null; default {@code 127.0.0.1:0}.
         *
         * @param address the local address to listen on; not null
         * @return this builder
         */
        public Builder bind(InetSocketAddress address) {
            this.bind = Checks.notNull(address, "address");
            return this;
        }

        /**
         * Largest frame accepted or sent (the value of the length prefix), in bytes; at least 64; default 1 MiB.
         *
         * @param bytes the largest frame, in bytes, 64 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is below 64
         */
        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = Limits.maxFrameSize(bytes);
            return this;
        }

        /**
         * Connections served at once; default 1,024. A newcomer beyond evicts the oldest connection
         * that never sent a complete frame; when every connection has, it gets error
         * {@code RESOURCE_EXHAUSTED} and is closed.
         *
         * @param count the most connections served at once, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxConnections(int count) {
            this.maxConnections = Limits.atLeastOne(count, "maxConnections");
            return this;
        }

        /**
         * Connections served at once from one peer address (IP); beyond, as for
         * {@link #maxConnections}, within that peer's connections; default 256.
         *
         * @param count the most connections served at once from one IP address, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxConnectionsPerPeer(int count) {
            this.maxConnectionsPerPeer = Limits.atLeastOne(count, "maxConnectionsPerPeer");
            return this;
        }

        /**
         * Bytes all connections together may hold of partly received frames beyond each
         * connection's initial 16 KiB buffer; a connection whose frame needs more is closed with
         * error {@code RESOURCE_EXHAUSTED}. Default 64 MiB.
         *
         * @param bytes the shared budget for partly received frames, in bytes, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is below 1
         */
        public Builder partialFrameBudget(long bytes) {
            this.partialFrameBudget = Limits.atLeastOneByte(bytes, "partialFrameBudget");
            return this;
        }

        /**
         * A new connection must deliver its first complete frame within this long, else it is
         * closed with error {@code PROTOCOL_ERROR}; default 10 s.
         *
         * @param timeout the deadline for a new connection's first frame (TLS handshake included); positive, not null
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder firstFrameTimeout(Duration timeout) {
            this.firstFrameTimeout = Checks.positive(timeout, "firstFrameTimeout");
            return this;
        }

        /**
         * Requests of one connection handled at once; beyond, the server stops reading that
         * connection until some finish (TCP pushes back on the client); default 1,024.
         *
         * @param count the most requests of one connection handled at once, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxInFlightPerConnection(int count) {
            this.maxInFlightPerConnection = Limits.atLeastOne(count, "maxInFlightPerConnection");
            return this;
        }

        /**
         * A connection with nothing in flight that sends nothing this long is closed; default 5 min.
         *
         * @param timeout how long an idle connection is kept; positive, not null
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Checks.positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * A frame must arrive whole within this long of its first byte, and a client must take
         * its answers within this long, else its connection is closed; default 30 s.
         *
         * @param timeout the bound on reading one frame and on a client taking its answers; positive, not null
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder frameReadTimeout(Duration timeout) {
            this.frameReadTimeout = Checks.positive(timeout, "frameReadTimeout");
            return this;
        }

        /**
         * How long {@link TcpRegistryServer#close()} lets requests in flight finish; default 5 s.
         *
         * @param timeout the grace period for requests in flight at close; zero or positive, not null
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is negative
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Checks.notNegative(timeout, "closeTimeout");
            return this;
        }

        /**
         * Threads of the default handler pool, used before Java 21; default max(8, 4 x cores).
         *
         * @param count the size of the default handler pool, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder handlerThreads(int count) {
            this.handlerThreads = Limits.atLeastOne(count, "handlerThreads");
            return this;
        }

        /**
         * Runs handlers on {@code executor} instead of the default; the server does not shut it
         * down. {@code Runnable::run} runs them on the I/O thread: fastest for handlers that never
         * block, and they then stall every connection while they run. Not null.
         *
         * @param executor runs the handler calls; not null; stays owned by the caller
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Checks.notNull(executor, "executor");
            return this;
        }

        /**
         * Serves TLS ({@code tcps://}) with {@code config}, which must hold a certificate and key
         * ({@link TlsConfig.Builder#identity}); with {@link TlsConfig.ClientAuth#REQUIRED}, mutual
         * TLS. A client that fails the handshake, or sends plaintext, is closed (a plaintext heart
         * client first gets an error frame saying the port speaks TLS). The first-frame timeout
         * bounds the handshake. Not null.
         *
         * @param config the TLS settings, with an identity; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code config} has no certificate and key
         */
        public Builder tls(TlsConfig config) {
            Checks.notNull(config, "config");
            if (!config.hasIdentity()) {
                throw new IllegalArgumentException("a TLS server needs a certificate and key: TlsConfig.identity(...)"
                        + " or identityPkcs12(...)");
            }
            this.tls = config;
            return this;
        }

        /**
         * Lets a request reach the handler only when {@code authorizer} allows its registrant for
         * the client's certificate (with {@link #tls} and client authentication, mutual TLS);
         * a refused request is answered with error {@code FORBIDDEN} and the handler is not
         * called. Not null; default: every request goes through.
         *
         * @param authorizer decides, per request, whether the client may act for its registrant; called concurrently; not null
         * @return this builder
         */
        public Builder authorizer(ClientAuthorizer authorizer) {
            this.authorizer = Checks.notNull(authorizer, "authorizer");
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @return the running server; the caller closes it
         * @throws ServerBindException when the address cannot be bound
         */
        public TcpRegistryServer start() {
            return new RegistryServer(
                    new ServerSettings(
                            bind,
                            maxFrameSize,
                            maxConnections,
                            maxConnectionsPerPeer,
                            maxInFlightPerConnection,
                            partialFrameBudget,
                            firstFrameTimeout,
                            idleTimeout,
                            frameReadTimeout,
                            closeTimeout,
                            handlerThreads,
                            tls == null ? null : new TlsMaterial(tls),
                            authorizer),
                    handler,
                    executor);
        }
    }
}
