package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The frames waiting to be written on one connection, batched into one growable buffer: many
 * frames go out in one {@code write}. A buffer grown past 4 times its initial capacity is kept,
 * up to {@value #KEPT_FACTOR} times, while the batches stay large, so that a connection under
 * steady load does not allocate and copy a new buffer for each batch; it goes back to its initial
 * capacity when empty after a batch that fits there again. Larger buffers are given back as soon
 * as they are empty. Not thread-safe: used by one thread at a time (the I/O thread, or a client's
 * caller under its connection's write lock).
 */
final class OutBuffer {
    /** A grown buffer up to this many times the initial capacity is kept while batches stay large. */
    private static final int KEPT_FACTOR = 16;

    private final int initialCapacity;
    private ByteBuffer buffer;

    OutBuffer(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.buffer = ByteBuffer.allocate(initialCapacity);
    }

    /** A buffer in write mode with at least {@code bytes} bytes left, to encode one frame into. */
    ByteBuffer reserve(int bytes) {
        if (buffer.remaining() < bytes) {
            int needed = buffer.position() + bytes;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, buffer.capacity() * 2));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        return buffer;
    }

    /** The number of bytes waiting. */
    int size() {
        return buffer.position();
    }

    /**
     * Writes as much as the connection takes.
     *
     * @return true when everything was written, TLS records included
     */
    boolean writeTo(ConnectionIo channel) throws IOException {
        if (buffer.position() == 0) {
            return !channel.hasPendingOutput();
        }
        buffer.flip();
        int batch = buffer.remaining();
        try {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    return false;
                }
            }
            return !channel.hasPendingOutput();
        } finally {
            buffer.compact();
            if (buffer.position() == 0
                    && buffer.capacity() > 4 * initialCapacity
                    && (batch <= initialCapacity || buffer.capacity() > KEPT_FACTOR * initialCapacity)) {
                buffer = ByteBuffer.allocate(initialCapacity);
            }
        }
    }

    /**
     * Any thread, under the connection's write lock: writes as much as the connection takes with
     * {@link ConnectionIo#writeDirect}.
     *
     * @return true when everything was written, TLS records included
     */
    boolean writeDirectTo(ConnectionIo channel) throws IOException {
        buffer.flip();
        try {
            return channel.writeDirect(buffer);
        } finally {
            buffer.compact();
        }
    }

    /** Drops everything waiting. */
    void clear() {
        buffer.clear();
    }
}
