package dev.heart.transport.tcp.internal;

import dev.heart.api.RegistryHandler;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry server: one selector thread ({@code heart-tcp-server-io-N}) accepts, reads and
 * writes, sweeps timeouts and runs the graceful close; handlers run through the
 * {@link HandlerDispatcher}, and their answers come back through its lock-free queue.
 */
public final class RegistryServer implements TcpRegistryServer, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final ServerSettings settings;
    private final HandlerDispatcher dispatcher;
    private final Selector selector;
    private final ServerSocketChannel acceptor;
    private final InetSocketAddress address;
    private final URI uri;
    private final Thread thread;
    private final AtomicBoolean awake = new AtomicBoolean(true);
    private final Set<ServerConnection> connections = new HashSet<>();
    private final List<ServerConnection> touched = new ArrayList<>();
    private final RegistryCache registries = new RegistryCache();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long closeDeadlineNanos;

    /**
     * Binds and starts serving.
     *
     * @param executor runs handlers; null for the default (virtual threads or a named pool)
     * @throws UncheckedIOException when the address cannot be bound
     */
    public RegistryServer(ServerSettings settings, RegistryHandler handler, Executor executor) {
        this.settings = settings;
        int id = IDS.incrementAndGet();
        this.dispatcher = new HandlerDispatcher(handler, executor, "heart-tcp-server-" + id + "-handler-",
                settings.handlerThreads(), this::wake, () -> !awake.get());
        try {
            selector = Selector.open();
            acceptor = ServerSocketChannel.open();
            acceptor.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            acceptor.bind(settings.bind(), 1024);
            acceptor.configureBlocking(false);
            acceptor.register(selector, SelectionKey.OP_ACCEPT);
            address = (InetSocketAddress) acceptor.getLocalAddress();
        } catch (IOException e) {
            try {
                dispatcher.shutdown();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new UncheckedIOException("cannot bind the registry server to " + settings.bind() + ": " + e, e);
        }
        String host = address.getAddress().getHostAddress();
        uri = URI.create("tcp://" + (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":"
                + address.getPort());
        thread = new Thread(this, "heart-tcp-server-io-" + id);
        thread.setDaemon(true);
        thread.start();
        LOG.debug("registry server listening on {}", uri);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public int connectionCount() {
        return connectionCount.get();
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            closeDeadlineNanos = System.nanoTime() + Codec.nanos(settings.closeTimeout());
            selector.wakeup();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(settings.closeTimeout().toMillis() + 10_000);
            dispatcher.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TcpRegistryServer[" + uri + "]";
    }

    /** I/O thread: runs the handler of {@code request} on the executor. */
    void dispatch(ServerConnection connection, IncomingRequest request) {
        dispatcher.dispatch(connection, request);
    }

    /** I/O thread: the registry section last encoded, shared by all connections. */
    RegistryCache registries() {
        return registries;
    }

    /** Any thread: true once {@link #close()} began. */
    boolean isClosing() {
        return closing.get();
    }

    /** I/O thread: a connection closed. */
    void closed(ServerConnection connection) {
        if (connections.remove(connection)) {
            connectionCount.decrementAndGet();
        }
    }

    private void wake() {
        if (!awake.get() && awake.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        long sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1),
                Math.min(Codec.nanos(settings.idleTimeout()), Codec.nanos(settings.frameReadTimeout())) / 4));
        long nextSweep = System.nanoTime() + sweepNanos;
        boolean accepting = true;
        try {
            while (true) {
                runCompletions();
                if (closing.get()) {
                    if (accepting) {
                        accepting = false;
                        stopAccepting();
                    }
                    if (allDrained() || System.nanoTime() - closeDeadlineNanos >= 0) {
                        break;
                    }
                }
                awake.set(false);
                if (!dispatcher.isEmpty()) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(sweepNanos)));
                }
                awake.set(true);
                var selected = selector.selectedKeys();
                for (SelectionKey key : selected) {
                    if (key.isValid() && key.isAcceptable()) {
                        accept();
                    } else if (key.attachment() instanceof ServerConnection) {
                        ready((ServerConnection) key.attachment());
                    }
                }
                selected.clear();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    nextSweep = now + sweepNanos;
                    for (ServerConnection connection : new ArrayList<>(connections)) {
                        connection.sweep(now);
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("registry server {} failed; it stops", uri, e);
        } finally {
            shutdown(accepting);
        }
    }

    /** One connection's failure, even a bug, closes that connection only. */
    private static void ready(ServerConnection connection) {
        try {
            connection.ready();
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure on a connection; closing it", e);
            connection.close("unexpected failure: " + e, true);
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = acceptor.accept();
            } catch (IOException e) {
                LOG.warn("accept failed on {}: {}", uri, e.toString()); // for instance out of file descriptors
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                String remote = String.valueOf(channel.getRemoteAddress());
                if (connections.size() >= settings.maxConnections()) {
                    LOG.warn("refusing connection from {}: {} connections open (maxConnections)", remote,
                            connections.size());
                    channel.close();
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                ServerConnection connection = new ServerConnection(this, settings, channel, key, remote);
                key.attach(connection);
                connections.add(connection);
                connectionCount.incrementAndGet();
            } catch (IOException e) {
                LOG.debug("dropping a connection that failed while being accepted: {}", e.toString());
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already broken
                }
            }
        }
    }

    private void runCompletions() {
        for (Completion c; (c = dispatcher.poll()) != null; ) {
            if (c.connection().complete(c)) {
                touched.add(c.connection());
            }
        }
        for (int i = 0; i < touched.size(); i++) {
            touched.get(i).afterCompletions();
        }
        touched.clear();
    }

    private boolean allDrained() {
        for (ServerConnection connection : connections) {
            if (!connection.drained()) {
                return false;
            }
        }
        return true;
    }

    private void stopAccepting() {
        closeAcceptor();
        for (ServerConnection connection : connections) {
            connection.stopReading();
        }
    }

    private void closeAcceptor() {
        try {
            acceptor.close();
            selector.selectNow(); // deregisters the acceptor, so the port is free at once
        } catch (IOException e) {
            LOG.debug("closing the acceptor of {}: {}", uri, e.toString());
        }
    }

    private void shutdown(boolean accepting) {
        if (accepting) {
            closeAcceptor();
        }
        for (ServerConnection connection : new ArrayList<>(connections)) {
            connection.close(connection.drained() ? "server closed" : "server closed with requests in flight", false);
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector of {}: {}", uri, e.toString());
        }
        LOG.debug("registry server {} stopped", uri);
    }
}
