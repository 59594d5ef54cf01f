package dev.heart.testkit.mem;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;

/** Serves the {@code mem} scheme: registries bound by name in this JVM. */
public final class MemTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public MemTransportProvider() {
    }

    @Override
    public String scheme() {
        return "mem";
    }

    @Override
    public String artifact() {
        return "heart-testkit";
    }

    @Override
    public RequestProtocol create() {
        return new MemProtocol();
    }
}
