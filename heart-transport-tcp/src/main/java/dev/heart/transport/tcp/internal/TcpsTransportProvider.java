package dev.heart.transport.tcp.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.tcp.TcpTransport;

/** Provides the {@code tcps} scheme (TLS, the JDK's default trust); see {@link TcpTransport}. */
public final class TcpsTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public TcpsTransportProvider() {
    }

    @Override
    public String scheme() {
        return TcpTransport.TLS_SCHEME;
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
