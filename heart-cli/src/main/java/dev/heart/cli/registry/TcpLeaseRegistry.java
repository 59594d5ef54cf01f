package dev.heart.cli.registry;

import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.internal.Checks;
import dev.heart.api.security.TlsConfig;
import dev.heart.registry.LeaseRegistry;
import dev.heart.transport.tcp.ClientAuthorizer;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LeaseRegistry} served over TCP, with an expiry sweep on a thread named
 * {@code heart-registry-expiry} so that expiries are told even when no request arrives, and a
 * restart that keeps the port and forgets every registrant, as a real restart does.
 *
 * <p>Thread-safe. Close it to stop the server and the sweep.
 */
public final class TcpLeaseRegistry implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private final Function<URI, LeaseRegistry> factory;
    private final AtomicReference<LeaseRegistry> current = new AtomicReference<>();
    private final ScheduledExecutorService sweeper;
    /** Set by {@link #start} before it returns (see {@link #bound()}). */
    private volatile @Nullable TcpRegistryServer server;

    private final @Nullable TlsConfig tls;
    private final @Nullable ClientAuthorizer authorizer;

    private TcpLeaseRegistry(
            Function<URI, LeaseRegistry> factory, @Nullable TlsConfig tls, @Nullable ClientAuthorizer authorizer) {
        this.factory = factory;
        this.tls = tls;
        this.authorizer = authorizer;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "heart-registry-expiry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Binds {@code address} and serves a registry made by {@code factory} for the bound address.
     *
     * @param address where to listen; port 0 picks a free port
     * @param factory makes the registry for the server's {@code tcp://host:port}
     * @return the server, serving
     * @throws dev.heart.transport.tcp.ServerBindException when the address cannot be bound (a port in use)
     */
    public static TcpLeaseRegistry start(InetSocketAddress address, Function<URI, LeaseRegistry> factory) {
        return start(address, factory, null);
    }

    /**
     * Binds {@code address} and serves a registry made by {@code factory} for the bound address,
     * over TLS ({@code tcps://}) when {@code tls} is not null.
     *
     * @param address where to listen; port 0 picks a free port
     * @param factory makes the registry for the server's URI
     * @param tls     the TLS settings (with a certificate and key), or null for plaintext
     * @return the server, serving
     * @throws dev.heart.transport.tcp.ServerBindException when the address cannot be bound (a port in use)
     */
    public static TcpLeaseRegistry start(
            InetSocketAddress address, Function<URI, LeaseRegistry> factory, @Nullable TlsConfig tls) {
        return start(address, factory, tls, null);
    }

    /**
     * {@link #start(InetSocketAddress, Function, TlsConfig)} letting a request reach the registry
     * only when {@code authorizer} allows its client certificate to act for its registrant.
     *
     * @param address    where to listen; port 0 picks a free port
     * @param factory    makes the registry for the server's URI
     * @param tls        the TLS settings (with a certificate and key), or null for plaintext
     * @param authorizer the client policy, or null to let every client in
     * @return the server, serving
     * @throws dev.heart.transport.tcp.ServerBindException when the address cannot be bound (a port in use)
     */
    public static TcpLeaseRegistry start(
            InetSocketAddress address,
            Function<URI, LeaseRegistry> factory,
            @Nullable TlsConfig tls,
            @Nullable ClientAuthorizer authorizer) {
        Checks.notNull(address, "address");
        TcpLeaseRegistry served = new TcpLeaseRegistry(Checks.notNull(factory, "factory"), tls, authorizer);
        try {
            served.bind(address);
        } catch (RuntimeException e) {
            served.sweeper.shutdownNow();
            throw e;
        }
        long sweepNanos = Math.max(
                Duration.ofMillis(50).toNanos(),
                Math.min(
                        Duration.ofSeconds(1).toNanos(),
                        served.registry().lease().toNanos() / 4));
        served.sweeper.scheduleWithFixedDelay(
                () -> served.registry().expire(), sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
        return served;
    }

    private void bind(InetSocketAddress address) {
        TcpRegistryServer.Builder builder =
                TcpRegistryServer.builder(this::handle).bind(address).closeTimeout(CLOSE_TIMEOUT);
        if (tls != null) {
            builder.tls(tls);
        }
        if (authorizer != null) {
            builder.authorizer(authorizer);
        }
        TcpRegistryServer started = builder.start();
        current.set(factory.apply(started.uri()));
        server = started;
    }

    private Response handle(Request request) {
        LeaseRegistry registry = current.get();
        if (registry == null) {
            throw new IllegalStateException("the registry is starting");
        }
        return registry.handle(request);
    }

    /**
     * Reads the TLS certificate and key again; new connections use them.
     *
     * @throws IllegalStateException         when the registry serves plaintext
     * @throws dev.heart.api.HeartException when the files cannot be used; the old ones stay
     */
    public void reloadTls() {
        bound().reloadTls();
    }

    /**
     * The address clients send to.
     *
     * @return {@code tcp://host:port} or {@code tcps://host:port}
     */
    public URI uri() {
        return bound().uri();
    }

    /**
     * The registry served now; a restart replaces it.
     *
     * @return the registry
     */
    public LeaseRegistry registry() {
        return Objects.requireNonNull(current.get(), "set by start before it returns");
    }

    private TcpRegistryServer bound() {
        return Objects.requireNonNull(server, "set by start before it returns");
    }

    /**
     * Closes the server (requests in flight get up to a second), then binds the same address
     * again with a new, empty registry: clients see their connections break and reconnect.
     *
     * @throws dev.heart.transport.tcp.ServerBindException when the port was taken meanwhile
     */
    public void restart() {
        TcpRegistryServer old = bound();
        InetSocketAddress address = old.address();
        old.close();
        bind(address);
    }

    /** Stops the server and the expiry sweep. Idempotent. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TcpRegistryServer last = server;
        if (last != null) {
            last.close();
        }
    }
}
