package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket of one {@link ClientConnection} while it exists: the channel, its selection key and,
 * once connected, its bytes (plaintext or TLS). Set while connecting, cleared by {@link #close}.
 * Used by the connection's I/O thread only; the connection reads {@link #io()} and {@link #key()}
 * only in states where they are set (a broken invariant fails with an NPE).
 */
final class ClientSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class); // the connection's lines

    private @Nullable SocketChannel channel;
    /** The connection's bytes, plaintext or TLS; set once the socket is connected. */
    private @Nullable ConnectionIo io;

    private @Nullable SelectionKey key;

    /**
     * Opens a non-blocking socket, registers it with {@code selector} (no interest yet) and starts
     * connecting to {@code address}.
     *
     * @return true when connected at once
     */
    boolean open(InetSocketAddress address, Selector selector, ClientConnection attachment) throws IOException {
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        key = channel.register(selector, 0, attachment);
        return channel.connect(address);
    }

    /** Finishes connecting; true once connected. */
    boolean finishConnect() throws IOException {
        return channel().finishConnect();
    }

    /** The socket is connected: its bytes go as they are. */
    void plain() {
        io = ConnectionIo.plain(channel());
    }

    /** The socket is connected: its bytes go through TLS with the server {@code host:port}. */
    void tls(ClientTls tls, String host, int port) throws IOException {
        io = new TlsIo(channel(), tls.material().clientEngine(tls.context(), host, port), true);
    }

    /** True once the socket connected (its bytes are set). */
    boolean isConnected() {
        return io != null;
    }

    /** The key registered now, or null when there is no socket. */
    @Nullable
    SelectionKey currentKey() {
        return key;
    }

    /** True when there is a socket and its key is valid. */
    boolean isValid() {
        return key != null && key.isValid();
    }

    SelectionKey key() {
        return Objects.requireNonNull(key, "key");
    }

    ConnectionIo io() {
        return Objects.requireNonNull(io, "io");
    }

    /** Closes the socket, if any; {@code target} names it in the log. */
    void close(URI target) {
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (channel != null) {
            try {
                if (io != null) {
                    io.close();
                } else {
                    channel.close();
                }
            } catch (IOException e) {
                LOG.debug("closing the connection to {}: {}", target, e.toString());
            }
            channel = null;
            io = null;
        }
    }

    private SocketChannel channel() {
        return Objects.requireNonNull(channel, "channel");
    }
}
