package dev.heart.transport.tcp.internal;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed, pipelined connection to a registry: its state machine (idle, connecting, open,
 * down with backoff, closed), connecting and reading. {@link #send} runs on any thread and never
 * blocks; everything else runs on the connection's I/O thread ({@link ClientLoop}). The
 * {@link PendingTable} is the single source of truth: an answer completes the request it finds
 * there, and a request leaves it however it completes.
 */
final class ClientConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private static final int IDLE = 0;
    private static final int CONNECTING = 1;
    private static final int OPEN = 2;
    private static final int DOWN = 3;
    private static final int CLOSED = 4;

    private final URI target;
    private final String host;
    private final int port;
    private final ClientLoop loop;
    private final ClientSettings settings;
    private final PendingTable pending;
    private volatile int state = IDLE;
    private final Outage outage;

    private final RequestWriter writer;
    /** The TLS context for a tcps target; null for plaintext. */
    private final @Nullable ClientTls tls;

    // Owned by the I/O thread.
    private final ArrayDeque<Pending> unsent = new ArrayDeque<>();
    private final AnswerReader reader;
    private final ClientSocket socket = new ClientSocket();
    private long connectDeadlineNanos;
    private boolean dirty;

    ClientConnection(
            URI target, String host, int port, ClientLoop loop, ClientSettings settings, @Nullable ClientTls tls) {
        this.target = target;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.loop = loop;
        this.settings = settings;
        this.pending = new PendingTable(target, settings.maxPendingPerConnection());
        this.writer = new RequestWriter(target, settings.maxFrameSize());
        this.outage = new Outage(target, settings);
        this.reader = new AnswerReader(target, pending, settings.maxFrameSize());
    }

    URI target() {
        return target;
    }

    /** Requests pending on this connection. */
    int pendingCount() {
        return pending.size();
    }

    /** Starts sending; any thread; never blocks. */
    CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
        if (state == DOWN && outage.waiting()) {
            return CompletableFuture.failedFuture(outage.downException());
        }
        Pending p = pending.admit(this, request.request(), Codec.nanos(deadline));
        if (p == null) {
            return CompletableFuture.failedFuture(pending.full());
        }
        // Sent from an answer's completion on the I/O thread itself: encoded now, written with the turn's batch.
        if (state == OPEN && loop.isCurrentThread()) {
            enqueue(p);
            return p;
        }
        // While the I/O thread sleeps, writing here costs one syscall; waking it, a syscall and a thread hop.
        if (state == OPEN && !loop.isAwake() && writer.tryWrite(p)) {
            return p;
        }
        loop.submit(p);
        if (state == CLOSED) {
            p.completeExceptionally(outage.closedException());
        }
        return p;
    }

    /** I/O thread: a request from {@link #send} arrives. */
    void enqueue(Pending p) {
        if (p.isDone()) {
            return;
        }
        switch (state) {
            case OPEN:
                writer.encode(p);
                if (!dirty) {
                    dirty = true;
                    loop.dirty(this);
                }
                break;
            case CONNECTING:
                unsent.add(p);
                break;
            case IDLE:
            case DOWN:
                if (state == DOWN && outage.waiting()) {
                    p.completeExceptionally(outage.downException());
                    return;
                }
                unsent.add(p);
                connect();
                break;
            default:
                p.completeExceptionally(outage.closedException());
        }
    }

    /** I/O thread: writes what was encoded since the last flush. */
    void flush() {
        dirty = false;
        if (state != OPEN) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            broken(e);
        }
    }

    /** I/O thread: the selector reports the channel ready; a failure, even a bug, breaks this connection only. */
    void readySafely(SelectionKey readyKey) {
        try {
            ready(readyKey);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure on the connection to {}", target, e);
            broken(e);
        }
    }

    private void ready(SelectionKey readyKey) {
        if (readyKey != socket.currentKey() || !readyKey.isValid()) {
            return;
        }
        if (readyKey.isConnectable()) {
            finishConnect();
            return;
        }
        if (state == CONNECTING) {
            continueHandshake();
            return;
        }
        if (readyKey.isReadable() || io().hasBufferedInput()) {
            read();
        }
        if (state == OPEN && socket.key().isValid() && (socket.key().isWritable() || io().hasPendingOutput())) {
            flush();
            if (state == OPEN && io().hasBufferedInput()) {
                read(); // input held back while a TLS post-handshake answer waited for the socket
            }
        }
    }

    /** I/O thread: the next turn of a connection whose last read stopped with input still buffered. */
    void readBuffered() {
        try {
            if (state == OPEN && socket.isValid() && io().hasBufferedInput()) {
                read();
            }
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure on the connection to {}", target, e);
            broken(e);
        }
    }

    private void read() {
        try {
            reader.readFrom(io(), this::writeWhatTheAnswersSent);
        } catch (ProtocolException | IOException e) {
            broken(e);
            return;
        }
        if (state == OPEN && io().hasBufferedInput()) {
            loop.readAgain(this);
        }
    }

    /**
     * I/O thread, after each read of a turn: the requests that the answers just read made their
     * hearts send go out now, not at the end of the turn, so that the registry works on them while
     * this thread reads on (one write per turn made the two sides take turns: with thousands of
     * hearts on one connection, each waited while the other worked).
     */
    private void writeWhatTheAnswersSent() throws IOException {
        if (dirty && state == OPEN) {
            writer.flush();
        }
    }

    /** I/O thread: fails the attempt when the connect timeout passed; returns the deadline if connecting. */
    long checkConnectTimeout(long now) {
        if (state != CONNECTING) {
            return Long.MAX_VALUE;
        }
        if (now - connectDeadlineNanos >= 0) {
            connectFailed(new SocketTimeoutException((!socket.isConnected() ? "connect" : "connect and TLS handshake")
                    + " timed out after " + settings.connectTimeout().toMillis() + " ms"));
            return Long.MAX_VALUE;
        }
        return connectDeadlineNanos;
    }

    /** I/O thread: the transport closes. */
    void close() {
        state = CLOSED;
        closeChannel();
        failAll(outage.closedException());
    }

    private void connect() {
        state = CONNECTING;
        connectDeadlineNanos = System.nanoTime() + Codec.nanos(settings.connectTimeout());
        try {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new UnknownHostException("cannot resolve host '" + host + "'");
            }
            if (socket.open(address, loop.selector(), this)) {
                connected();
            } else {
                socket.key().interestOps(SelectionKey.OP_CONNECT);
                loop.connecting(this);
            }
        } catch (IOException | RuntimeException e) {
            connectFailed(e);
        }
    }

    private void finishConnect() {
        try {
            if (socket.finishConnect()) {
                connected();
            }
        } catch (IOException e) {
            connectFailed(e);
        }
    }

    private void connected() {
        if (tls == null) {
            socket.plain();
            opened();
            return;
        }
        try {
            socket.tls(tls, host, port);
        } catch (IOException | RuntimeException e) {
            connectFailed(e);
            return;
        }
        continueHandshake();
    }

    /** I/O thread: drives the TLS handshake; the connect timeout bounds it. */
    private void continueHandshake() {
        try {
            if (io().handshake()) {
                opened();
            } else {
                socket.key().interestOps(SelectionKey.OP_READ | (io().hasPendingOutput() ? SelectionKey.OP_WRITE : 0));
            }
        } catch (IOException | RuntimeException e) {
            connectFailed(new TlsHandshakeException(TlsFailures.describe(e), e));
        }
    }

    private void opened() {
        outage.opened();
        LOG.debug("connected to {}", target);
        socket.key().interestOps(SelectionKey.OP_READ);
        for (Pending p; (p = unsent.poll()) != null; ) {
            if (!p.isDone()) {
                writer.encode(p);
            }
        }
        writer.attach(io(), socket.key());
        state = OPEN;
        flush();
        if (state == OPEN && io().hasBufferedInput()) {
            read(); // application bytes that came with the end of the handshake
        }
    }

    private void connectFailed(Exception cause) {
        closeChannel();
        long wait = outage.connectFailed(cause);
        state = DOWN;
        failAll(outage.connectFailure(cause, wait));
    }

    private void broken(Exception cause) {
        closeChannel();
        outage.broke(cause);
        state = DOWN;
        failAll(outage.brokenFailure(cause, pending.size()));
    }

    private void failAll(TransportException failure) {
        unsent.clear();
        reader.reset();
        pending.failAll(failure);
    }

    private void closeChannel() {
        writer.detach();
        socket.close(target);
    }

    private ConnectionIo io() {
        return socket.io();
    }
}
