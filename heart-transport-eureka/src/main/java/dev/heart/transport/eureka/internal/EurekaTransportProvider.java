package dev.heart.transport.eureka.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.eureka.EurekaTransport;

/** Provides the {@code eureka} scheme with default settings; see {@link EurekaTransport}. */
public final class EurekaTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public EurekaTransportProvider() {
    }

    @Override
    public String scheme() {
        return EurekaTransport.SCHEME;
    }

    @Override
    public String artifact() {
        return "heart-transport-eureka";
    }

    @Override
    public RequestProtocol create() {
        return EurekaTransport.create();
    }
}
