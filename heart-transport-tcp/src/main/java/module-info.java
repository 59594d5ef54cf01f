/**
 * The {@code tcp} transport of heart and a TCP registry server.
 *
 * <p>The transport serves targets {@code tcp://host:port}, and {@code tcps://host:port} over TLS
 * 1.3 or 1.2 ({@link dev.heart.api.security.TlsConfig}): per target a small pool of connections
 * (one by default), each multiplexed and pipelined, so that thousands of hearts share it. It is
 * found by {@link dev.heart.api.Transports} through the {@link dev.heart.api.spi.TransportProvider}s
 * this module provides (schemes {@code tcp} and {@code tcps}), or built with its own settings by
 * {@link dev.heart.transport.tcp.TcpTransport#builder()}.
 *
 * <p>{@link dev.heart.transport.tcp.TcpRegistryServer} answers the same protocol with a
 * {@link dev.heart.api.RegistryHandler}. The wire format is documented in
 * {@code docs/wire-protocol.md}.
 */
@org.jspecify.annotations.NullMarked
module dev.heart.transport.tcp {
    requires static org.jspecify;
    requires transitive dev.heart.api;
    requires org.slf4j;

    exports dev.heart.transport.tcp;

    provides dev.heart.api.spi.TransportProvider with
            dev.heart.transport.tcp.internal.TcpTransportProvider;
}
