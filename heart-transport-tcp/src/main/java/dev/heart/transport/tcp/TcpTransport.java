package dev.heart.transport.tcp;

import dev.heart.api.internal.Checks;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.tcp.internal.ClientSettings;
import dev.heart.transport.tcp.internal.Limits;
import dev.heart.transport.tcp.internal.TcpClient;
import dev.heart.transport.tcp.internal.TlsMaterial;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@code tcp} transports: {@link RequestProtocol}s that send to {@code tcp://host:port}.
 *
 * <p>Each target gets a small pool of connections (one by default). Every connection is
 * multiplexed and pipelined: thousands of hearts share it, answers are matched by correlation id
 * and may come out of order. A fixed few I/O threads ({@code heart-tcp-client-io-N}) serve all
 * connections; {@link RequestProtocol#send} never blocks and completes futures on an I/O thread,
 * so dependent stages should not block. A failed connection is reconnected on the next request,
 * after an exponential backoff with jitter that resets on success; while it is down, requests
 * fail at once. When a connection breaks, every request pending on it fails at once with a
 * {@link dev.heart.api.TransportException}. A request cancelled by the caller frees its slot at
 * once; its late answer is dropped. The transport owns no timeouts but the connect timeout: the
 * caller bounds each request by cancelling its future.
 *
 * <p>Targets must be {@code tcp://host:port}, or {@code tcps://host:port} for TLS 1.3 or 1.2
 * (see {@link Builder#tls}); anything else makes {@code send} throw
 * {@link IllegalArgumentException}.
 */
public final class TcpTransport {
    /** The URI scheme this transport serves in plaintext. */
    public static final String SCHEME = "tcp";
    /** The URI scheme this transport serves over TLS. */
    public static final String TLS_SCHEME = "tcps";

    private TcpTransport() {}

    /**
     * A transport with the default settings (see {@link Builder}); the caller closes it.
     *
     * @return a new, open transport; never null
     */
    public static RequestProtocol create() {
        return builder().build();
    }

    /**
     * A builder with the default settings.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a tcp transport. Not thread-safe; {@link #build()} may be called repeatedly. */
    public static final class Builder {
        private int ioThreads = 1;
        private int connectionsPerTarget = 1;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(1);
        private int maxPendingPerConnection = 65_536;
        private int maxFrameSize = Limits.DEFAULT_MAX_FRAME_SIZE;
        private @Nullable TlsConfig tls;

        private Builder() {}

        /**
         * Selector threads serving all connections; at least 1; default 1.
         *
         * @param count the number of selector threads, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder ioThreads(int count) {
            this.ioThreads = Limits.atLeastOne(count, "ioThreads");
            return this;
        }

        /**
         * Connections per target, used round-robin; at least 1; default 1.
         *
         * @param count the number of connections opened to each target, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder connectionsPerTarget(int count) {
            this.connectionsPerTarget = Limits.atLeastOne(count, "connectionsPerTarget");
            return this;
        }

        /**
         * Bound of one connection attempt; positive; default 5 s.
         *
         * @param timeout the bound on one connection attempt, TLS handshake included; positive, not null
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Backoff between failed connection attempts: the n-th consecutive failure waits a random
         * time in [d/2, d], d = min(max, initial * 2^(n-1)). Both positive, max not below initial;
         * default 100 ms and 1 s (a registry back from an outage is reached within the ready-made
         * beaters' 2 s backoff step).
         *
         * @param initial the backoff after the first failure; positive, not null
         * @param max the cap of the backoff; positive, not null, not below {@code initial}
         * @return this builder
         * @throws IllegalArgumentException when either is zero or negative, or {@code max} is below {@code initial}
         */
        public Builder backoff(Duration initial, Duration max) {
            Checks.positive(initial, "initial backoff");
            Checks.positive(max, "max backoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " must not be below initial " + initial);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Requests pending on one connection; one more fails at once with a
         * {@link dev.heart.api.TransportException} instead of queueing. At least 1; default 65,536.
         *
         * @param count the most requests waiting for an answer on one connection, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxPendingPerConnection(int count) {
            this.maxPendingPerConnection = Limits.atLeastOne(count, "maxPendingPerConnection");
            return this;
        }

        /**
         * Largest frame sent or accepted, in bytes (the value of the length prefix); at least 64;
         * default 1 MiB. A larger request fails; a larger answer breaks the connection.
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
         * The TLS settings of {@code tcps://} targets: trust, an optional client certificate (mutual
         * TLS), protocols, server name verification. Default {@link TlsConfig#defaults()}. The
         * connect timeout bounds the TLS handshake too; a failed handshake fails the requests with
         * a {@link dev.heart.api.TransportException} naming the cause. Not null.
         *
         * @param config the client TLS settings; not null
         * @return this builder
         */
        public Builder tls(TlsConfig config) {
            this.tls = Checks.notNull(config, "config");
            return this;
        }

        /**
         * Starts a new transport with these settings; the caller closes it.
         *
         * @return a new, open transport; never null
         */
        public RequestProtocol build() {
            return new TcpClient(new ClientSettings(
                    ioThreads,
                    connectionsPerTarget,
                    connectTimeout,
                    initialBackoff,
                    maxBackoff,
                    maxPendingPerConnection,
                    maxFrameSize,
                    tls == null ? null : new TlsMaterial(tls)));
        }
    }
}
