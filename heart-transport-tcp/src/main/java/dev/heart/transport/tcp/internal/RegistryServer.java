package dev.heart.transport.tcp.internal;

import dev.heart.api.RegistryHandler;
import dev.heart.transport.tcp.ServerBindException;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry server: one selector thread ({@code heart-tcp-server-io-N}) accepts, reads and
 * writes, sweeps timeouts and runs the graceful close; handlers run through the
 * {@link HandlerDispatcher}, and their answers come back through its lock-free queue.
 * Connection slots are kept by {@link ConnectionSlots}. Anything thrown while serving one connection, an {@link Error} included, closes that
 * connection only.
 */
public final class RegistryServer implements TcpRegistryServer {
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
    private final ConnectionSlots connections;
    private final ByteBudget partialFrameBudget;
    private final PeerLogs peerLogs = new PeerLogs(LOG);
    private final List<ServerConnection> touched = new ArrayList<>();
    private final ReadAgainQueue again = new ReadAgainQueue();
    private final RegistryCache registries = new RegistryCache();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long closeDeadlineNanos;
    private final Admission admission;

    /**
     * Binds and starts serving.
     *
     * @param executor runs handlers; null for the default (virtual threads or a named pool)
     * @throws ServerBindException when the address cannot be bound
     */
    public RegistryServer(ServerSettings settings, RegistryHandler handler, @Nullable Executor executor) {
        this.settings = settings;
        this.partialFrameBudget = new ByteBudget(settings.partialFrameBudget());
        this.connections = new ConnectionSlots(settings.maxConnections(), settings.maxConnectionsPerPeer());
        this.admission = new Admission(this, settings, connections, partialFrameBudget);
        int id = IDS.incrementAndGet();
        this.dispatcher = new HandlerDispatcher(
                handler,
                settings.authorizer(),
                executor,
                "heart-tcp-server-" + id + "-handler-",
                settings.handlerThreads(),
                this::wake,
                () -> !awake.get());
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
            throw new ServerBindException(settings.bind(), e);
        }
        String host = address.getAddress().getHostAddress();
        uri = URI.create((settings.tls() == null ? "tcp" : "tcps") + "://"
                + (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort());
        thread = new Thread(this::serve, "heart-tcp-server-io-" + id);
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
        return connections.count();
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
    public void reloadTls() {
        if (settings.tls() == null) {
            throw new IllegalStateException("the registry server " + uri + " serves plaintext: no TLS to reload");
        }
        admission.reloadTls();
        LOG.info("registry server {} reloaded its TLS key material; new connections use it", uri);
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

    /** I/O thread: {@code connection} still holds input after its turn; it gets another after the others'. */
    void readAgain(ServerConnection connection) {
        again.add(connection);
    }

    /** I/O thread: a connection's client certificate is known; false when the per-certificate limit closed it. */
    boolean certificateKnown(ServerConnection connection, Object certificate) {
        return connections.certificateKnown(connection, certificate);
    }

    /** I/O thread: a connection closed. */
    void closed(ServerConnection connection) {
        connections.remove(connection);
    }

    /** I/O thread: the logs of what peers did, rate-limited. */
    PeerLogs peerLogs() {
        return peerLogs;
    }

    /** I/O thread: the bytes of partly received frames held now beyond the connections' initial buffers. */
    long partialFrameBytes() {
        return partialFrameBudget.used();
    }

    private void wake() {
        if (!awake.get() && awake.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** The I/O thread's loop, until closed. */
    private void serve() {
        long sweepNanos = settings.sweepIntervalNanos();
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
                if (!dispatcher.isEmpty() || !again.isEmpty()) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(sweepNanos)));
                }
                awake.set(true);
                var selected = selector.selectedKeys();
                for (SelectionKey key : selected) {
                    if (key.isValid() && key.isAcceptable()) {
                        acceptGuarded();
                    } else if (key.attachment() instanceof ServerConnection connection) {
                        ConnectionSlots.guarded(connection, connection::ready);
                    }
                }
                selected.clear();
                again.serve();
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    nextSweep = now + sweepNanos;
                    for (ServerConnection connection : connections.snapshot()) {
                        ConnectionSlots.guarded(connection, () -> connection.sweep(now));
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("registry server {} failed; it stops", uri, e);
        } finally {
            shutdown(accepting);
        }
    }

    /** Accepts; even an {@link Error} while accepting leaves the listener open for the next newcomer. */
    private void acceptGuarded() {
        try {
            accept();
        } catch (RuntimeException | Error e) {
            LOG.error("accepting on {} failed; the listener stays open", uri, e);
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
            admission.admit(channel, selector);
        }
    }

    private void runCompletions() {
        for (Completion c; (c = dispatcher.poll()) != null; ) {
            Completion completion = c;
            ServerConnection connection = completion.connection();
            ConnectionSlots.guarded(connection, () -> {
                if (connection.complete(completion)) {
                    touched.add(connection);
                }
            });
        }
        for (int i = 0; i < touched.size(); i++) {
            ServerConnection connection = touched.get(i);
            ConnectionSlots.guarded(connection, connection::afterCompletions);
        }
        touched.clear();
    }

    private boolean allDrained() {
        for (ServerConnection connection : connections.all()) {
            if (!connection.drained()) {
                return false;
            }
        }
        return true;
    }

    private void stopAccepting() {
        closeAcceptor();
        for (ServerConnection connection : connections.all()) {
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
        for (ServerConnection connection : connections.snapshot()) {
            connection.close(connection.drained() ? "server closed" : "server closed with requests in flight");
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector of {}: {}", uri, e.toString());
        }
        LOG.debug("registry server {} stopped", uri);
    }
}
