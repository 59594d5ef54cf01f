package dev.heart.transport.tcp.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.tcp.TcpTransport;
import java.util.Set;

/** Provides the {@code tcp} and {@code tcps} schemes with default settings; see {@link TcpTransport}. */
public final class TcpTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public TcpTransportProvider() {}

    @Override
    public Set<String> schemes() {
        return Set.of(TcpTransport.SCHEME, TcpTransport.TLS_SCHEME);
    }

    @Override
    public String artifact() {
        return "heart-transport-tcp";
    }

    @Override
    public RequestProtocol create() {
        return TcpTransport.create();
    }
}
