package dev.heart.transport.tcp.internal;

import dev.heart.api.TransportException;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The write side of one client connection: requests are encoded into one batch buffer and written
 * together. Normally the I/O thread encodes and flushes; while it sleeps, a caller may write its
 * request directly ({@link #tryWrite}), which saves waking it, over plaintext and TLS alike. A lock
 * guards the buffer and the attached channel; it is only held for non-blocking work, and a caller
 * only tries it. Thread-safe.
 */
final class RequestWriter {
    private final URI target;
    private final int maxFrameSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final OutBuffer out = new OutBuffer(64 * 1024);
    private @Nullable ConnectionIo channel;
    private @Nullable SelectionKey key;

    RequestWriter(URI target, int maxFrameSize) {
        this.target = target;
        this.maxFrameSize = maxFrameSize;
    }

    /** I/O thread: the channel is connected; requests may be written to it. */
    void attach(ConnectionIo connected, SelectionKey selectionKey) {
        lock.lock();
        try {
            channel = connected;
            key = selectionKey;
        } finally {
            lock.unlock();
        }
    }

    /** I/O thread: the channel is gone; drops what was not written. */
    void detach() {
        lock.lock();
        try {
            channel = null;
            key = null;
            out.clear();
        } finally {
            lock.unlock();
        }
    }

    /** I/O thread: encodes {@code p} for the next {@link #flush()}. */
    void encode(Pending p) {
        lock.lock();
        try {
            encodeLocked(p);
        } finally {
            lock.unlock();
        }
    }

    /**
     * I/O thread: writes what the socket takes, and asks the selector for writability when some
     * is left.
     *
     * @throws IOException when the connection broke
     */
    void flush() throws IOException {
        lock.lock();
        try {
            if (channel == null || key == null) {
                return; // both set by attach, both cleared by detach
            }
            channel.flushPending();
            boolean all = out.writeTo(channel);
            int ops = key.interestOps();
            int wanted = all ? ops & ~SelectionKey.OP_WRITE : ops | SelectionKey.OP_WRITE;
            // no readability while a TLS post-handshake answer waits: the selector would report it for ever
            wanted = channel.waitsToWrite() ? wanted & ~SelectionKey.OP_READ : wanted | SelectionKey.OP_READ;
            if (wanted != ops) {
                key.interestOps(wanted);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Any thread: encodes and writes {@code p} at once when a channel is attached and the lock is
     * free. What the socket does not take, or a write failure, is left to the I/O thread, whose
     * selector is woken for it.
     *
     * @return false when nothing was done: hand {@code p} to the I/O thread
     */
    boolean tryWrite(Pending p) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (channel == null || key == null || !channel.allowsDirectWrites()) {
                return false;
            }
            encodeLocked(p);
            boolean all;
            try {
                all = out.writeDirectTo(channel);
            } catch (IOException e) {
                all = false; // the I/O thread's next flush meets the same failure and breaks the connection
            }
            if (!all) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                key.selector().wakeup();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void encodeLocked(Pending p) {
        int size = Codec.requestFrameSize(p.request);
        if (size - Wire.LENGTH_BYTES > maxFrameSize) {
            p.completeExceptionally(new TransportException(
                    target, "request of " + size + " bytes exceeds the maximum frame size " + maxFrameSize));
            return;
        }
        Codec.putRequest(out.reserve(size), p.id, p.request, p.deadlineNanos, size);
    }
}
