package dev.heart.transport.etcd.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.etcd.EtcdTransport;

/** Provides the {@code etcd} scheme (plaintext) with default settings; see {@link EtcdTransport}. */
public final class EtcdTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public EtcdTransportProvider() {
    }

    @Override
    public String scheme() {
        return EtcdTransport.SCHEME;
    }

    @Override
    public String artifact() {
        return "heart-transport-etcd";
    }

    @Override
    public RequestProtocol create() {
        return EtcdTransport.create();
    }
}
