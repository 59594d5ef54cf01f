package dev.heart.transport.eureka.internal;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.eureka.EurekaTransport;

/**
 * Provides the {@code eurekas} scheme with default settings; see {@link EurekaTransport}.
 * Basic credentials come from the environment variables {@value EurekaTransportProvider#USERNAME_VARIABLE}
 * and {@value EurekaTransportProvider#PASSWORD_VARIABLE} when both are set (for the command line).
 */
public final class SecureEurekaTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public SecureEurekaTransportProvider() {
    }

    @Override
    public String scheme() {
        return EurekaTransport.SECURE_SCHEME;
    }

    @Override
    public String artifact() {
        return "heart-transport-eureka";
    }

    @Override
    public RequestProtocol create() {
        return EurekaTransportProvider.create(System.getenv());
    }
}
