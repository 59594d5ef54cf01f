package dev.heart.transport.tcp.internal;

import dev.heart.api.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the registry server. Runs on the server's I/O thread, except
 * {@link #answerDirectly} and {@link #waitsForNotices}, which a handler thread calls while the I/O
 * thread sleeps. Reads and decodes requests, hands them to the server's handlers, batches the
 * answers. Memory is bounded: one frame being read, at most {@code maxInFlightPerConnection}
 * requests handled, and a write buffer beyond which the connection stops reading until the client
 * takes its answers.
 *
 * <p>{@link #writeLock} guards the write side: the out buffer, writes to the channel and
 * {@link #lastWriteNanos}, so that a handler thread's direct answer never interleaves with the I/O
 * thread's batch. It is only held for non-blocking work.
 */
final class ServerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final RegistryServer server;
    private final ServerSettings settings;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final String remote;
    private final FrameDecoder decoder;
    private final OutBuffer out = new OutBuffer(16 * 1024);
    private final ReentrantLock writeLock = new ReentrantLock();
    private ByteBuffer direct = ByteBuffer.allocate(256);
    private int inflight;
    private boolean reading = true;
    private volatile boolean closed;
    private volatile boolean paused;
    private boolean completed;
    private long lastActivityNanos;
    private long partialSinceNanos;
    private long lastWriteNanos;

    ServerConnection(RegistryServer server, ServerSettings settings, SocketChannel channel, SelectionKey key,
            String remote) {
        this.server = server;
        this.settings = settings;
        this.channel = channel;
        this.key = key;
        this.remote = remote;
        this.decoder = new FrameDecoder(settings.maxFrameSize(), 16 * 1024);
        this.lastActivityNanos = System.nanoTime();
        this.lastWriteNanos = lastActivityNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** True when nothing is in flight or waiting to be written. */
    boolean drained() {
        return inflight == 0 && outSize() == 0;
    }

    /**
     * Handler thread, while the I/O thread sleeps: writes the answer of {@code completion} at
     * once, when it is a response, nothing else waits to be written and the write lock is free.
     * What the socket does not take is left to the I/O thread, which is woken for it. On true,
     * queue {@link Completion#sent} for the accounting; on false, queue {@code completion} itself.
     */
    boolean answerDirectly(Completion completion) {
        Response response = completion.response();
        if (response == null || closed) {
            return false;
        }
        int size = Codec.responseFrameSize(response);
        if (size - Wire.LENGTH_BYTES > settings.maxFrameSize() || !writeLock.tryLock()) {
            return false;
        }
        try {
            if (closed || out.size() > 0) {
                return false;
            }
            if (direct.capacity() < size) {
                direct = ByteBuffer.allocate(Math.max(size, 2 * direct.capacity()));
            }
            direct.clear();
            Codec.putResponse(direct, completion.id(), response);
            direct.flip();
            try {
                channel.write(direct);
            } catch (IOException e) {
                return false; // the I/O thread's next write meets the same failure and closes the connection
            }
            lastWriteNanos = System.nanoTime();
            if (direct.hasRemaining()) {
                out.reserve(direct.remaining()).put(direct);
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                key.selector().wakeup();
            }
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Any thread: true when the I/O thread waits for handlers to finish before it goes on (reading
     * paused at a limit, or the server closing), so a {@link Completion#sent} notice must wake it.
     */
    boolean waitsForNotices() {
        return paused || closed || server.isClosing();
    }

    void ready() {
        if (!key.isValid()) {
            return;
        }
        if (key.isReadable()) {
            read();
        }
        if (!closed && key.isValid() && key.isWritable()) {
            flush();
        }
    }

    /** Stops reading for good, for a graceful close. */
    void stopReading() {
        reading = false;
        updateInterest();
    }

    /**
     * A handler finished.
     *
     * @return true when {@link #afterCompletions()} is now due, once per batch
     */
    boolean complete(Completion completion) {
        inflight--;
        if (closed) {
            return false;
        }
        boolean first = !completed;
        completed = true;
        if (completion.sent()) {
            return first;
        }
        if (completion.response() != null) {
            byte[] registry = server.registries().encode(completion.response().registry());
            int size = registry == null ? Codec.responseFrameSize(completion.response())
                    : Codec.responseFrameSize(registry.length);
            if (size - Wire.LENGTH_BYTES <= settings.maxFrameSize()) {
                writeLock.lock();
                try {
                    Codec.putResponse(reserve(size), completion.id(), completion.response(), registry);
                } finally {
                    writeLock.unlock();
                }
            } else {
                error(completion.id(), Wire.ERROR_HANDLER_FAILED, "response of " + size
                        + " bytes exceeds the maximum frame size " + settings.maxFrameSize());
            }
        } else {
            error(completion.id(), completion.errorCode(), completion.error());
        }
        return first;
    }

    /** After a batch of completions: write, and read again if there is room. */
    void afterCompletions() {
        completed = false;
        if (closed) {
            return;
        }
        flush();
        if (!closed && reading && canTakeMore() && decoder.hasPartialFrame()) {
            process();
        }
        updateInterest();
    }

    /** Closes the connection when it broke a timeout. */
    void sweep(long now) {
        if (closed) {
            return;
        }
        long frameTimeout = Codec.nanos(settings.frameReadTimeout());
        if (reading && canTakeMore() && partialSinceNanos != 0 && now - partialSinceNanos > frameTimeout) {
            close("no complete frame within " + settings.frameReadTimeout().toMillis() + " ms (slow or stalled sender)",
                    true);
        } else if (outSize() > 0 && now - lastWrite() > frameTimeout) {
            close("client took no answer for " + settings.frameReadTimeout().toMillis() + " ms", true);
        } else if (drained() && !decoder.hasPartialFrame()
                && now - lastActivityNanos > Codec.nanos(settings.idleTimeout())) {
            close("idle for " + settings.idleTimeout().toMillis() + " ms", false);
        }
    }

    void close(String reason, boolean warn) {
        if (closed) {
            return;
        }
        closed = true;
        if (warn) {
            LOG.warn("closing connection from {}: {}", remote, reason);
        } else {
            LOG.debug("closing connection from {}: {}", remote, reason);
        }
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing connection from {}: {}", remote, e.toString());
        }
        server.closed(this);
    }

    private void read() {
        try {
            for (int reads = 0; reads < 16 && reading && canTakeMore(); reads++) {
                ByteBuffer buffer = decoder.writable();
                int n = channel.read(buffer);
                if (n < 0) {
                    close(decoder.hasPartialFrame() ? "closed by the client in the middle of a frame"
                            : "closed by the client", false);
                    return;
                }
                if (n > 0) {
                    lastActivityNanos = System.nanoTime();
                }
                process();
                if (closed || n == 0 || buffer.hasRemaining()) {
                    break;
                }
            }
        } catch (IOException e) {
            close("read failed: " + e, false);
            return;
        }
        updateInterest();
    }

    private void process() {
        boolean decoded = false;
        try {
            while (!closed && canTakeMore() && decoder.next()) {
                decoded = true;
                onFrame();
            }
        } catch (ProtocolException e) {
            fatal(e);
            return;
        }
        if (closed) {
            return;
        }
        if (!decoder.hasPartialFrame()) {
            partialSinceNanos = 0;
        } else if (decoded || partialSinceNanos == 0) {
            partialSinceNanos = System.nanoTime();
        }
        flush();
    }

    private void onFrame() throws ProtocolException {
        byte kind = decoder.kind();
        long id = decoder.id();
        if (kind != Wire.KIND_REQUEST) {
            throw ProtocolException.fatal("unexpected " + Wire.kindName(kind) + " frame from a client",
                    Wire.ERROR_PROTOCOL);
        }
        if (id == 0) {
            throw ProtocolException.fatal("request with the reserved id 0", Wire.ERROR_PROTOCOL);
        }
        IncomingRequest request;
        try {
            request = Codec.readRequest(id, decoder.payload());
        } catch (ProtocolException e) {
            LOG.debug("bad request #{} from {}: {}", id, remote, e.getMessage());
            error(id, Wire.ERROR_BAD_REQUEST, e.getMessage());
            return;
        }
        inflight++;
        server.dispatch(this, request);
    }

    private void fatal(ProtocolException e) {
        error(0, e.errorCode(), e.getMessage());
        writeLock.lock();
        try {
            out.writeTo(channel);
        } catch (IOException ignored) {
            // best effort: the connection closes anyway
        } finally {
            writeLock.unlock();
        }
        close("protocol error: " + e.getMessage(), true);
    }

    private void error(long id, byte code, String message) {
        String text = message == null ? "" : message;
        writeLock.lock();
        try {
            Codec.putError(reserve(Codec.errorFrameSize(text)), id, code, text);
        } finally {
            writeLock.unlock();
        }
    }

    /** The bytes waiting to be written. */
    private int outSize() {
        writeLock.lock();
        try {
            return out.size();
        } finally {
            writeLock.unlock();
        }
    }

    private long lastWrite() {
        writeLock.lock();
        try {
            return lastWriteNanos;
        } finally {
            writeLock.unlock();
        }
    }

    /** Under the write lock: room for {@code bytes} more bytes in the out buffer. */
    private ByteBuffer reserve(int bytes) {
        if (out.size() == 0) {
            lastWriteNanos = System.nanoTime(); // the client's time to take answers starts now
        }
        return out.reserve(bytes);
    }

    private void flush() {
        if (closed) {
            return;
        }
        IOException failure = null;
        writeLock.lock();
        try {
            int before = out.size();
            if (before > 0) {
                out.writeTo(channel);
                if (out.size() < before) {
                    lastWriteNanos = System.nanoTime();
                }
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            writeLock.unlock();
        }
        if (failure != null) {
            close("write failed: " + failure, false);
            return;
        }
        updateInterest();
    }

    private boolean canTakeMore() {
        return inflight < settings.maxInFlightPerConnection() && outSize() < settings.maxFrameSize();
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        boolean takeMore = canTakeMore();
        paused = reading && !takeMore;
        // Under the write lock, so that a handler's direct write asking for OP_WRITE is not undone here.
        writeLock.lock();
        try {
            int ops = (reading && takeMore ? SelectionKey.OP_READ : 0)
                    | (out.size() > 0 ? SelectionKey.OP_WRITE : 0);
            if (ops != key.interestOps()) {
                key.interestOps(ops);
            }
        } finally {
            writeLock.unlock();
        }
    }
}
