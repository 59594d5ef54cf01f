package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one connection, in plaintext or through TLS: {@link #read} and {@link #write} move
 * application bytes, non-blocking, like a {@link SocketChannel}'s. With TLS, some bytes may stay
 * inside: encrypted output the socket did not take ({@link #hasPendingOutput()}: ask for
 * writability and call {@link #write} or {@link #flushPending()} again) and decrypted input not yet
 * handed out ({@link #hasBufferedInput()}: read again without waiting for the selector).
 */
interface ConnectionIo extends ByteChannel {

    /** The socket underneath. */
    SocketChannel socket();

    /**
     * Drives the TLS handshake as far as the socket allows.
     *
     * @return true once the connection carries application bytes (at once in plaintext)
     * @throws IOException when the handshake failed or the peer closed
     */
    boolean handshake() throws IOException;

    /** True when encrypted bytes wait for the socket. */
    boolean hasPendingOutput();

    /** True when input is buffered inside that a read would deliver without the socket. */
    boolean hasBufferedInput();

    /**
     * Writes encrypted bytes still waiting.
     *
     * @return true when nothing waits any more
     */
    boolean flushPending() throws IOException;

    /**
     * When the socket last took bytes of ours, or when bytes began to wait for it
     * ({@link System#nanoTime()}); meaningful while {@link #hasPendingOutput()}.
     */
    default long lastOutputNanos() {
        return System.nanoTime();
    }

    /**
     * True while a TLS post-handshake answer waits for the socket: until it is sent no input is
     * read, so the caller must not ask the selector for readability (it would report the peer's
     * bytes again and again) but for writability.
     */
    default boolean waitsToWrite() {
        return false;
    }

    /** The peer's verified certificate (TLS with a client certificate), else null. */
    default java.security.cert.@Nullable X509Certificate peerCertificate() {
        return null;
    }

    /**
     * True when threads other than the I/O thread may write with {@link #writeDirect} (plaintext,
     * and a TLS client once its handshake is done).
     */
    boolean allowsDirectWrites();

    /**
     * Any thread, under the connection's write lock, when {@link #allowsDirectWrites()}: writes
     * {@code src} as far as the socket takes it now, without reading and without waiting for the
     * I/O thread. What is left (bytes of {@code src}, encrypted bytes inside) is the I/O thread's:
     * ask for writability.
     *
     * @return true when all of {@code src} and every encrypted byte went to the socket
     * @throws IOException when the connection broke
     */
    boolean writeDirect(ByteBuffer src) throws IOException;

    /** Plaintext: the socket itself. */
    static ConnectionIo plain(SocketChannel socket) {
        return new ConnectionIo() {
            @Override
            public SocketChannel socket() {
                return socket;
            }

            @Override
            public boolean handshake() {
                return true;
            }

            @Override
            public boolean hasPendingOutput() {
                return false;
            }

            @Override
            public boolean hasBufferedInput() {
                return false;
            }

            @Override
            public boolean flushPending() {
                return true;
            }

            @Override
            public boolean allowsDirectWrites() {
                return true;
            }

            @Override
            public boolean writeDirect(ByteBuffer src) throws IOException {
                while (src.hasRemaining()) {
                    if (socket.write(src) == 0) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public int read(ByteBuffer dst) throws IOException {
                return socket.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                return socket.write(src);
            }

            @Override
            public boolean isOpen() {
                return socket.isOpen();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }
}
