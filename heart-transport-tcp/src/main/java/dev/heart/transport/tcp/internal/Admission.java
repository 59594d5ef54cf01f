package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an accepted socket into a served {@link ServerConnection}, or refuses it (see
 * {@link ConnectionSlots}): plaintext, or TLS with the context of the moment, which
 * {@link #reloadTls()} replaces. Used by the server's I/O thread, except {@link #reloadTls()}.
 */
final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private final RegistryServer server;
    private final ServerSettings settings;
    private final ConnectionSlots connections;
    private final ByteBudget partialFrameBudget;
    /** The TLS context new connections use; null in plaintext. */
    private volatile @Nullable SSLContext tlsContext;

    /** @throws dev.heart.api.HeartException when the TLS key material cannot be read */
    Admission(
            RegistryServer server,
            ServerSettings settings,
            ConnectionSlots connections,
            ByteBudget partialFrameBudget) {
        this.server = server;
        this.settings = settings;
        this.connections = connections;
        this.partialFrameBudget = partialFrameBudget;
        this.tlsContext = settings.tls() == null ? null : settings.tls().loadContext();
    }

    /** Any thread: reads the TLS key material again; new connections use it. */
    void reloadTls() {
        if (settings.tls() == null) {
            throw new IllegalStateException("the registry server serves plaintext: no TLS to reload");
        }
        tlsContext = settings.tls().loadContext();
    }

    /** Serves {@code channel} on {@code selector}, or refuses it; a failure drops that socket only. */
    void admit(SocketChannel channel, Selector selector) {
        try {
            InetSocketAddress remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
            String remote = String.valueOf(remoteAddress);
            InetAddress peer = remoteAddress.getAddress();
            channel.configureBlocking(false);
            String refusal = connections.noRoomFor(peer);
            if (refusal != null) {
                connections.refuse(channel, remote, refusal);
                return;
            }
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SSLContext context = tlsContext;
            ConnectionIo io = context == null
                    ? ConnectionIo.plain(channel)
                    : new TlsIo(
                            channel,
                            Objects.requireNonNull(settings.tls(), "tls").serverEngine(context));
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            ServerConnection connection =
                    new ServerConnection(server, settings, io, key, peer, remote, partialFrameBudget);
            key.attach(connection);
            connections.add(connection);
        } catch (IOException | RuntimeException | Error e) {
            LOG.warn("dropping a connection that failed while being accepted: {}", e.toString());
            try {
                channel.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }
}
