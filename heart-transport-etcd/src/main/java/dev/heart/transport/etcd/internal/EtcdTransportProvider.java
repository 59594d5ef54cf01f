package dev.heart.transport.etcd.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.util.Set;

/**
 * Provides the {@code etcd} (plaintext) and {@code etcds} (TLS) schemes with default settings: the
 * JDK's trusted authorities, no client certificate, no credentials; build one with
 * {@code EtcdTransport.builder()} for more.
 */
public final class EtcdTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public EtcdTransportProvider() {}

    @Override
    public Set<String> schemes() {
        return Set.of(Names.SCHEME, Names.TLS_SCHEME);
    }

    @Override
    public String artifact() {
        return "heart-transport-etcd";
    }

    @Override
    public RequestProtocol create() {
        return new GrpcEtcdClient(EtcdSettings.DEFAULTS);
    }
}
