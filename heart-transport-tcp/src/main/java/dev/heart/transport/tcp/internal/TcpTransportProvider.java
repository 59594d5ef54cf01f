package dev.heart.transport.tcp.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.tcp.TcpTransport;

/** Provides the {@code tcp} scheme with default settings; see {@link TcpTransport}. */
public final class TcpTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public TcpTransportProvider() {
    }

    @Override
    public String scheme() {
        return TcpTransport.SCHEME;
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
