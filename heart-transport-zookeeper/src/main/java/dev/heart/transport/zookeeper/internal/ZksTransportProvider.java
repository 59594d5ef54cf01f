package dev.heart.transport.zookeeper.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;

/**
 * Provides the {@code zks} scheme, TLS (the JDK's default authorities, no client certificate, no credentials), with default settings; build one with
 * {@code ZooKeeperTransport.builder()} for more.
 */
public final class ZksTransportProvider implements TransportProvider {
    /** For {@link java.util.ServiceLoader}. */
    public ZksTransportProvider() {
    }

    @Override
    public String scheme() {
        return Layout.SECURE_SCHEME;
    }

    @Override
    public String artifact() {
        return "heart-transport-zookeeper";
    }

    @Override
    public RequestProtocol create() {
        return new ZkProtocol(ZkSettings.defaults());
    }
}
