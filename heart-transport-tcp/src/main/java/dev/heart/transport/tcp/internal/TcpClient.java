package dev.heart.transport.tcp.internal;

import dev.heart.api.internal.Checks;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tcp transport: routes each request to a pool of connections per target, served by a fixed
 * set of I/O threads named {@code heart-tcp-client-io-N}. Thread-safe; {@link #send} never blocks.
 */
public final class TcpClient implements RequestProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(TcpClient.class);
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final ClientSettings settings;
    private final ClientLoop[] loops;
    private final ConcurrentHashMap<URI, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private volatile boolean closed;
    private ClientTls tls;

    /** Starts the I/O threads. */
    public TcpClient(ClientSettings settings) {
        this.settings = settings;
        this.loops = new ClientLoop[settings.ioThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new ClientLoop("heart-tcp-client-io-" + THREAD_IDS.incrementAndGet());
        }
        for (ClientLoop loop : loops) {
            loop.start();
        }
    }

    @Override
    public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        Checks.notNull(request, "request");
        Checks.positive(deadline, "deadline");
        URI target = request.target();
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException(target, "tcp transport is closed"));
        }
        Endpoint endpoint = endpoints.get(target);
        if (endpoint == null) {
            endpoint = endpoints.computeIfAbsent(target, this::endpoint);
        }
        return endpoint.pick().send(request, deadline);
    }

    private Endpoint endpoint(URI target) {
        String scheme = target.getScheme();
        String host = target.getHost();
        int port = target.getPort();
        String lower = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        if (!("tcp".equals(lower) || "tcps".equals(lower)) || host == null || port <= 0 || port > 65535) {
            throw new IllegalArgumentException("target must be tcp://host:port or tcps://host:port, was '" + target
                    + "'");
        }
        ClientTls tls = "tcps".equals(lower) ? tls() : null;
        ClientConnection[] pool = new ClientConnection[settings.connectionsPerTarget()];
        for (int i = 0; i < pool.length; i++) {
            ClientLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
            pool[i] = new ClientConnection(target, host, port, loop, settings, tls);
            loop.adopt(pool[i]);
        }
        return new Endpoint(pool);
    }

    /** The TLS context of this transport's tcps targets, loaded once. */
    private synchronized ClientTls tls() {
        if (tls == null) {
            TlsMaterial material = settings.tls() != null ? settings.tls() : TlsMaterial.clientDefaults();
            tls = new ClientTls(material, material.loadContext());
        }
        return tls;
    }

    /** Requests pending on every connection to {@code target}, for tests. */
    int pendingCount(URI target) {
        Endpoint endpoint = endpoints.get(target);
        int count = 0;
        if (endpoint != null) {
            for (ClientConnection connection : endpoint.pool) {
                count += connection.pendingCount();
            }
        }
        return count;
    }

    @Override
    public void close() {
        closed = true;
        try {
            for (ClientLoop loop : loops) {
                loop.close(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ClientLoop loop : loops) {
            if (loop.isAlive()) {
                LOG.warn("a tcp client I/O thread did not stop within 10 s");
            }
        }
    }

    @Override
    public String toString() {
        return "TcpTransport" + settings;
    }

    /** The connections to one target, used round-robin. */
    private static final class Endpoint {
        final ClientConnection[] pool;
        final AtomicInteger next = new AtomicInteger();

        Endpoint(ClientConnection[] pool) {
            this.pool = pool;
        }

        ClientConnection pick() {
            return pool.length == 1 ? pool[0] : pool[Math.floorMod(next.getAndIncrement(), pool.length)];
        }
    }
}
