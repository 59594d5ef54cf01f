package dev.heart.transport.tcp.internal;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed, pipelined connection to a registry. {@link #send} runs on any thread and never
 * blocks; everything else runs on the connection's I/O thread ({@link ClientLoop}). The pending
 * map is the single source of truth: an answer completes the request it finds there, and a
 * request leaves the map however it completes.
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
    private volatile long retryAtNanos;
    private volatile Throwable lastFailure;

    /** Guards out, and channel and key while open: callers write directly when the I/O thread sleeps. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final OutBuffer out = new OutBuffer(64 * 1024);

    // Owned by the I/O thread (written under the write lock where callers read them).
    private final ArrayDeque<Pending> unsent = new ArrayDeque<>();
    private final Backoff backoff;
    private FrameDecoder decoder;
    private volatile SocketChannel channel;
    private volatile SelectionKey key;
    private long connectDeadlineNanos;
    private boolean dirty;

    ClientConnection(URI target, String host, int port, ClientLoop loop, ClientSettings settings) {
        this.target = target;
        this.host = host;
        this.port = port;
        this.loop = loop;
        this.settings = settings;
        this.pending = new PendingTable(target, settings.maxPendingPerConnection());
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.decoder = new FrameDecoder(settings.maxFrameSize(), 64 * 1024);
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
        if (state == DOWN && retryAtNanos - System.nanoTime() > 0) {
            return CompletableFuture.failedFuture(downException());
        }
        Pending p = pending.admit(this, request.request(), Codec.nanos(deadline));
        if (p == null) {
            return CompletableFuture.failedFuture(pending.full());
        }
        if (state == OPEN && !loop.isAwake() && writeLock.tryLock()) {
            // The I/O thread sleeps: writing here costs one syscall, waking it a syscall and a thread hop.
            try {
                if (state == OPEN && channel != null) {
                    encode(p);
                    writeNow();
                    return p;
                }
            } finally {
                writeLock.unlock();
            }
        }
        loop.submit(p);
        if (state == CLOSED) {
            p.completeExceptionally(closedException());
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
                writeLock.lock();
                try {
                    encode(p);
                } finally {
                    writeLock.unlock();
                }
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
                if (state == DOWN && retryAtNanos - System.nanoTime() > 0) {
                    p.completeExceptionally(downException());
                    return;
                }
                unsent.add(p);
                connect();
                break;
            default:
                p.completeExceptionally(closedException());
        }
    }

    /** I/O thread: writes what was encoded since the last flush. */
    void flush() {
        dirty = false;
        IOException failure = null;
        writeLock.lock();
        try {
            if (state != OPEN || channel == null) {
                return;
            }
            boolean all = out.writeTo(channel);
            int ops = key.interestOps();
            int wanted = all ? ops & ~SelectionKey.OP_WRITE : ops | SelectionKey.OP_WRITE;
            if (wanted != ops) {
                key.interestOps(wanted);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            writeLock.unlock();
        }
        if (failure != null) {
            broken(failure);
        }
    }

    /** A caller thread, holding the write lock: writes at once; the I/O thread takes over what is left. */
    private void writeNow() {
        try {
            if (!out.writeTo(channel)) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                loop.selector().wakeup();
            }
        } catch (IOException e) {
            SocketChannel failed = channel;
            loop.execute(() -> {
                if (channel == failed && state == OPEN) {
                    broken(e);
                }
            });
        }
    }

    /** I/O thread: the selector reports the channel ready. */
    void ready(SelectionKey readyKey) {
        if (readyKey != key || !readyKey.isValid()) {
            return;
        }
        if (readyKey.isConnectable()) {
            finishConnect();
            return;
        }
        if (readyKey.isReadable()) {
            read();
        }
        if (state == OPEN && key.isValid() && key.isWritable()) {
            flush();
        }
    }

    /** I/O thread: fails the attempt when the connect timeout passed; returns the deadline if connecting. */
    long checkConnectTimeout(long now) {
        if (state != CONNECTING) {
            return Long.MAX_VALUE;
        }
        if (now - connectDeadlineNanos >= 0) {
            connectFailed(new SocketTimeoutException("connect timed out after "
                    + settings.connectTimeout().toMillis() + " ms"));
            return Long.MAX_VALUE;
        }
        return connectDeadlineNanos;
    }

    /** I/O thread: the transport closes. */
    void close() {
        state = CLOSED;
        closeChannel();
        failAll(closedException());
    }

    private void connect() {
        state = CONNECTING;
        connectDeadlineNanos = System.nanoTime() + Codec.nanos(settings.connectTimeout());
        try {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new UnknownHostException("cannot resolve host '" + host + "'");
            }
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = channel.register(loop.selector(), 0, this);
            if (channel.connect(address)) {
                connected();
            } else {
                key.interestOps(SelectionKey.OP_CONNECT);
                loop.connecting(this);
            }
        } catch (IOException | RuntimeException e) {
            connectFailed(e);
        }
    }

    private void finishConnect() {
        try {
            if (channel.finishConnect()) {
                connected();
            }
        } catch (IOException e) {
            connectFailed(e);
        }
    }

    private void connected() {
        backoff.reset();
        LOG.debug("connected to {}", target);
        writeLock.lock();
        try {
            key.interestOps(SelectionKey.OP_READ);
            for (Pending p; (p = unsent.poll()) != null; ) {
                if (!p.isDone()) {
                    encode(p);
                }
            }
            state = OPEN;
        } finally {
            writeLock.unlock();
        }
        flush();
    }

    private void encode(Pending p) {
        int size = Codec.requestFrameSize(p.request);
        if (size - Wire.LENGTH_BYTES > settings.maxFrameSize()) {
            p.completeExceptionally(new TransportException(target, "request of " + size
                    + " bytes exceeds the maximum frame size " + settings.maxFrameSize()));
            return;
        }
        Codec.putRequest(out.reserve(size), p.id, p.request, p.deadlineNanos);
    }

    private void read() {
        try {
            for (int reads = 0; reads < 16; reads++) {
                ByteBuffer buffer = decoder.writable();
                int n = channel.read(buffer);
                if (n < 0) {
                    broken(new EOFException("connection closed by the registry"));
                    return;
                }
                while (decoder.next()) {
                    Answers.deliver(decoder, pending, target);
                }
                if (n == 0 || buffer.hasRemaining()) {
                    return;
                }
            }
        } catch (ProtocolException | IOException e) {
            broken(e);
        }
    }

    private void connectFailed(Exception cause) {
        closeChannel();
        long wait = backoff.failed();
        lastFailure = cause;
        retryAtNanos = System.nanoTime() + wait;
        state = DOWN;
        LOG.debug("cannot connect to {} (attempt {}): {}; next attempt in {} ms", target, backoff.failures(), cause,
                TimeUnit.NANOSECONDS.toMillis(wait));
        failAll(new TransportException(target, "cannot connect (attempt " + backoff.failures() + "): " + cause
                + "; next attempt in " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms", cause));
    }

    private void broken(Exception cause) {
        closeChannel();
        lastFailure = cause;
        retryAtNanos = System.nanoTime();
        state = DOWN;
        int count = pending.size();
        LOG.debug("connection to {} broke with {} requests pending: {}", target, count, cause.toString());
        failAll(new TransportException(target, "connection broke (" + cause.getMessage()
                + "); every request pending on it failed (" + count + ")", cause));
    }

    private void failAll(TransportException failure) {
        unsent.clear();
        writeLock.lock();
        try {
            out.clear();
        } finally {
            writeLock.unlock();
        }
        decoder = new FrameDecoder(settings.maxFrameSize(), 64 * 1024);
        pending.failAll(failure);
    }

    private void closeChannel() {
        writeLock.lock();
        try {
            if (key != null) {
                key.cancel();
                key = null;
            }
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.debug("closing the connection to {}: {}", target, e.toString());
                }
                channel = null;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private TransportException downException() {
        long wait = Math.max(0, retryAtNanos - System.nanoTime());
        return new TransportException(target, "connection is down, next attempt in "
                + TimeUnit.NANOSECONDS.toMillis(wait) + " ms; last failure: " + lastFailure, lastFailure);
    }

    private TransportException closedException() {
        return new TransportException(target, "tcp transport is closed");
    }
}
