package dev.heart.cli.registry;

import dev.heart.api.Checks;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.registry.LeaseRegistry;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

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
    private volatile TcpRegistryServer server;

    private TcpLeaseRegistry(Function<URI, LeaseRegistry> factory) {
        this.factory = factory;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "heart-registry-expiry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Binds {@code address} and serves a registry made by {@code factory} for the bound address.
     *
     * @param address where to listen; port 0 picks a free port; not null
     * @param factory makes the registry for the server's {@code tcp://host:port}; not null
     * @return the server, serving
     * @throws java.io.UncheckedIOException when the address cannot be bound (a port in use)
     */
    public static TcpLeaseRegistry start(InetSocketAddress address, Function<URI, LeaseRegistry> factory) {
        Checks.notNull(address, "address");
        TcpLeaseRegistry served = new TcpLeaseRegistry(Checks.notNull(factory, "factory"));
        try {
            served.bind(address);
        } catch (RuntimeException e) {
            served.sweeper.shutdownNow();
            throw e;
        }
        long sweepNanos = Math.max(Duration.ofMillis(50).toNanos(),
                Math.min(Duration.ofSeconds(1).toNanos(), served.registry().lease().toNanos() / 4));
        served.sweeper.scheduleWithFixedDelay(() -> served.registry().expire(), sweepNanos, sweepNanos,
                TimeUnit.NANOSECONDS);
        return served;
    }

    private void bind(InetSocketAddress address) {
        TcpRegistryServer started = TcpRegistryServer.builder(this::handle).bind(address)
                .closeTimeout(CLOSE_TIMEOUT).start();
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
     * The address clients send to.
     *
     * @return {@code tcp://host:port}; never null
     */
    public URI uri() {
        return server.uri();
    }

    /**
     * The registry served now; a restart replaces it.
     *
     * @return the registry; never null
     */
    public LeaseRegistry registry() {
        return current.get();
    }

    /**
     * Closes the server (requests in flight get up to a second), then binds the same address
     * again with a new, empty registry: clients see their connections break and reconnect.
     *
     * @throws java.io.UncheckedIOException when the port was taken meanwhile
     */
    public void restart() {
        InetSocketAddress address = server.address();
        server.close();
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
