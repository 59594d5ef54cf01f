package dev.heart.transport.tcp.internal;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.internal.Checks;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tcp transport: routes each request to a pool of connections per target, served by a fixed
 * set of I/O threads named {@code heart-tcp-client-io-N}. Thread-safe; {@link #send} never blocks.
 */
public final class TcpClient implements RequestProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(TcpClient.class);
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();
    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final ClientSettings settings;
    private final ClientLoop[] loops;
    private final ConcurrentHashMap<URI, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private volatile boolean closed;
    private @Nullable ClientTls tls;

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
            throw new IllegalArgumentException(
                    "target must be tcp://host:port or tcps://host:port, was '" + target + "'");
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

    /**
     * Stops the I/O threads, failing every pending request, and waits for them at most 10 s. Called
     * on one of these I/O threads (a future completed there whose continuation closes the heart,
     * as {@code Heart.close()} does after the last disconnect answer), that thread is not waited
     * for: it stops as soon as the continuation returns.
     */
    @Override
    public void close() {
        close(STOP_TIMEOUT_MILLIS);
    }

    /** {@link #close()} waiting at most {@code timeoutMillis}; a WARN names each thread still running then. */
    void close(long timeoutMillis) {
        closed = true;
        for (ClientLoop loop : loops) {
            loop.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<String> running = new ArrayList<>();
        boolean interrupted = false;
        for (ClientLoop loop : loops) {
            if (loop.isCurrentThread()) {
                continue; // this thread stops once the caller returns to its loop
            }
            try {
                loop.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (loop.isAlive()) {
                running.add(loop.threadName());
            }
        }
        if (!running.isEmpty()) {
            LOG.warn(
                    "tcp client I/O thread(s) {} did not stop within {} ms{}",
                    running,
                    timeoutMillis,
                    interrupted ? " (the closing thread was interrupted)" : "");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
