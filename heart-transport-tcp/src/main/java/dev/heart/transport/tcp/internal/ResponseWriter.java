package dev.heart.transport.tcp.internal;

import dev.heart.api.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The write side of one server connection, the server's mirror of the client's
 * {@link RequestWriter}: answers are encoded into one batch buffer that the I/O thread flushes;
 * while the I/O thread sleeps, a handler thread may write its answer itself
 * ({@link #tryAnswerDirectly}). One lock guards the out buffer, writes to the channel, the
 * selection key's write interest and {@link #lastWriteNanos()}, so that a direct answer never
 * interleaves with the I/O thread's batch; it is only held for non-blocking work. Thread-safe.
 */
final class ResponseWriter {
    private static final int INITIAL_CAPACITY = 16 * 1024;

    private final ConnectionIo channel;
    private final SelectionKey key;
    /** Answers waiting to be written beyond which the connection stops reading. */
    private static final int MAX_WRITE_BACKLOG = 64 * 1024;

    private final int maxFrameSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutBuffer out = new OutBuffer(INITIAL_CAPACITY);
    /** A handler thread's direct answer is encoded here; grows to the largest such answer. */
    private ByteBuffer directFrame = ByteBuffer.allocate(256);

    private long lastWriteNanos;

    ResponseWriter(ConnectionIo channel, SelectionKey key, int maxFrameSize) {
        this.channel = channel;
        this.key = key;
        this.maxFrameSize = maxFrameSize;
        this.lastWriteNanos = System.nanoTime();
    }

    /**
     * Handler thread: writes the answer to request {@code id} at once when nothing else waits to be
     * written and the lock is free. What the socket does not take is left in the batch, and the
     * I/O thread is woken for it.
     *
     * @return true when the answer is written or queued; false when nothing was done
     */
    boolean tryAnswerDirectly(long id, Response response) {
        int size = Codec.responseFrameSize(response);
        if (!channel.allowsDirectWrites() || size - Wire.LENGTH_BYTES > maxFrameSize || !lock.tryLock()) {
            return false;
        }
        try {
            if (out.size() > 0 || !key.isValid()) {
                return false;
            }
            if (directFrame.capacity() < size) {
                directFrame = ByteBuffer.allocate(Math.max(size, 2 * directFrame.capacity()));
            }
            directFrame.clear();
            Codec.putResponse(directFrame, id, response);
            directFrame.flip();
            try {
                channel.write(directFrame);
            } catch (IOException e) {
                return false; // the I/O thread's next write meets the same failure and closes the connection
            }
            lastWriteNanos = System.nanoTime();
            if (directFrame.hasRemaining()) {
                out.reserve(directFrame.remaining()).put(directFrame);
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                key.selector().wakeup();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** True when so many answers wait to be written that the connection stops reading. */
    boolean backlogged() {
        return waitingBytes() >= Math.min(maxFrameSize, MAX_WRITE_BACKLOG);
    }

    /**
     * Queues the response to request {@code id}; {@code registrySection} is its registry section
     * already encoded, or null to encode it here.
     *
     * @return false when the frame would exceed the maximum frame size (nothing is queued)
     */
    boolean queueResponse(long id, Response response, byte @Nullable [] registrySection) {
        int size = registrySection == null
                ? Codec.responseFrameSize(response)
                : Codec.responseFrameSize(response, registrySection.length);
        if (size - Wire.LENGTH_BYTES > maxFrameSize) {
            return false;
        }
        lock.lock();
        try {
            Codec.putResponse(reserve(size), id, response, registrySection);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a handler's answer, or an error when it exceeds the maximum frame size; {@code registries} encodes its registry section. */
    void queueAnswer(Completion.Answered answered, RegistryCache registries) {
        byte[] registrySection = registries.encode(answered.response().registry());
        if (!queueResponse(answered.id(), answered.response(), registrySection)) {
            queueError(
                    answered.id(),
                    Wire.ERROR_HANDLER_FAILED,
                    "the response exceeds the maximum" + " frame size " + maxFrameSize);
        }
    }

    /**
     * Queues an error frame; its message is cut to {@link PeerText#MAX_ERROR_MESSAGE_CHARS}, so that an
     * error frame stays small whatever the peer sent, and it counts in {@link #waitingBytes()} (the
     * connection stops reading while they exceed its write backlog).
     */
    void queueError(long id, byte code, @Nullable String message) {
        String text = PeerText.errorMessage(message);
        lock.lock();
        try {
            Codec.putError(reserve(Codec.errorFrameSize(text)), id, code, text);
        } finally {
            lock.unlock();
        }
    }

    /** Writes error {@code message} (id 0) on the socket itself, in plaintext, best effort. */
    void sendPlaintextError(@Nullable String text) {
        String message = PeerText.errorMessage(text);
        ByteBuffer frame = ByteBuffer.allocate(Codec.errorFrameSize(message));
        Codec.putError(frame, 0, Wire.ERROR_PROTOCOL, message);
        frame.flip();
        try {
            channel.socket().write(frame);
        } catch (IOException ignored) {
            // best effort: the connection closes anyway
        }
    }

    /**
     * Writes what the socket takes now; with TLS, first drives the handshake as far as it goes.
     *
     * @throws IOException when the connection broke
     */
    void flush() throws IOException {
        lock.lock();
        try {
            if (!channel.handshake() || !channel.flushPending()) {
                return;
            }
            int before = out.size();
            if (before > 0) {
                out.writeTo(channel);
                if (out.size() < before) {
                    lastWriteNanos = System.nanoTime();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes what the socket takes now, ignoring failures: the connection is about to close. */
    void flushBestEffort() {
        try {
            flush();
        } catch (IOException ignored) {
            // the connection closes anyway
        }
    }

    /** The bytes waiting to be written. */
    int waitingBytes() {
        lock.lock();
        try {
            return out.size();
        } finally {
            lock.unlock();
        }
    }

    /** When the peer last took bytes, or when answers began to wait for it ({@link System#nanoTime()}). */
    long lastWriteNanos() {
        lock.lock();
        try {
            return lastWriteNanos;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the key's interest: read when {@code read}, write while bytes wait. Under the lock, so
     * that a handler's direct write asking for write interest is not undone here.
     */
    void updateInterest(boolean read) {
        lock.lock();
        try {
            if (!key.isValid()) {
                return;
            }
            int ops = (read ? SelectionKey.OP_READ : 0)
                    | (out.size() > 0 || channel.hasPendingOutput() ? SelectionKey.OP_WRITE : 0);
            if (ops != key.interestOps()) {
                key.interestOps(ops);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: room for {@code bytes} more bytes in the out buffer. */
    private ByteBuffer reserve(int bytes) {
        if (out.size() == 0) {
            lastWriteNanos = System.nanoTime(); // the peer's time to take answers starts now
        }
        return out.reserve(bytes);
    }
}
