package dev.heart.transport.tcp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The encrypted output of a {@link TlsIo}: one buffer of about one TLS record, its way to the
 * socket, and since when the peer took none of our bytes. Not thread-safe: used under its
 * {@link TlsIo}'s output lock.
 */
final class TlsOutput {
    static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel socket;
    private final SSLEngine engine;
    private final ByteBuffer netOut;
    /** When the socket last took bytes, or when bytes began to wait ({@link System#nanoTime()}). */
    private long lastOutputNanos = System.nanoTime();

    TlsOutput(SocketChannel socket, SSLEngine engine, ByteBuffer netOut) {
        this.socket = socket;
        this.engine = engine;
        this.netOut = netOut;
    }

    /** True when encrypted bytes wait for the socket. */
    boolean hasPending() {
        return netOut.position() > 0;
    }

    long lastOutputNanos() {
        return lastOutputNanos;
    }

    /** Writes the encrypted bytes waiting; true when none wait any more. */
    boolean flush() throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            while (netOut.hasRemaining()) {
                if (socket.write(netOut) == 0) {
                    return false;
                }
                lastOutputNanos = System.nanoTime();
            }
            return true;
        } finally {
            netOut.compact();
        }
    }

    /** Wraps from {@code src} into {@link #netOut}; returns the application bytes consumed. */
    int wrap(ByteBuffer src) throws IOException {
        if (netOut.position() == 0) {
            lastOutputNanos = System.nanoTime(); // the peer's time to take what this wrap produces starts now
        }
        SSLEngineResult result = engine.wrap(src, netOut);
        switch (result.getStatus()) {
            case OK:
                return result.bytesConsumed();
            case BUFFER_OVERFLOW:
                return result.bytesConsumed(); // netOut full: flushed by the caller, then wrapped again
            case CLOSED:
                throw new EOFException("the TLS session is closed");
            default:
                throw new SSLException("unexpected TLS wrap status " + result.getStatus());
        }
    }

    /**
     * Wraps from {@code src} into {@link #netOut} once.
     *
     * @return false when the engine neither consumed nor produced anything (it wants an unwrap or a
     *     delegated task first) or {@link #netOut} has no room although empty: stop wrapping
     */
    boolean wrapSome(ByteBuffer src) throws IOException {
        if (netOut.position() == 0) {
            lastOutputNanos = System.nanoTime();
        }
        SSLEngineResult result = engine.wrap(src, netOut);
        switch (result.getStatus()) {
            case OK:
                return result.bytesConsumed() > 0
                        || result.bytesProduced() > 0
                        || result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED; // once
            case BUFFER_OVERFLOW:
                return netOut.position() > 0; // full: flushed by the caller, then wrapped again
            case CLOSED:
                throw new EOFException("the TLS session is closed");
            default:
                throw new SSLException("unexpected TLS wrap status " + result.getStatus());
        }
    }

    /** After a failed handshake: the alert the engine has for the peer, best effort, so it learns why. */
    void sendAlert() {
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()
                    && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                if (engine.wrap(EMPTY, netOut).bytesProduced() == 0) {
                    break;
                }
            }
            flush();
        } catch (IOException | RuntimeException ignored) {
            // the connection closes anyway
        }
    }
}
