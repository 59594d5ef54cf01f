package dev.heart.transport.zookeeper.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;

/**
 * Provides the {@code zk} scheme, plaintext, with default settings; build one with
 * {@code ZooKeeperTransport.builder()} for more.
 */
public final class ZkTransportProvider implements TransportProvider {
    /** For {@link java.util.ServiceLoader}. */
    public ZkTransportProvider() {
    }

    @Override
    public String scheme() {
        return Layout.SCHEME;
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
