package dev.heart.transport.etcd.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.etcd.EtcdTransport;

/**
 * Provides the {@code etcds} scheme (TLS) with default settings: the JDK's trusted authorities, no
 * client certificate, no credentials; build one with {@link EtcdTransport#builder()} for more.
 */
public final class EtcdsTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public EtcdsTransportProvider() {
    }

    @Override
    public String scheme() {
        return EtcdTransport.SECURE_SCHEME;
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
