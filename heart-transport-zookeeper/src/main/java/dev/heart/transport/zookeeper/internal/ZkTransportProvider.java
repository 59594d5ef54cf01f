package dev.heart.transport.zookeeper.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.util.Set;

/**
 * Provides the {@code zk} (plaintext) and {@code zks} (TLS: the JDK's default authorities, no
 * client certificate) schemes with default settings and no credentials; build one with
 * {@code ZooKeeperTransport.builder()} for more.
 */
public final class ZkTransportProvider implements TransportProvider {
    /** For {@link java.util.ServiceLoader}. */
    public ZkTransportProvider() {}

    @Override
    public Set<String> schemes() {
        return Set.of(Layout.SCHEME, Layout.TLS_SCHEME);
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
