package dev.heart.testkit.mem;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.util.Set;

/** Serves the {@code mem} scheme: registries bound by name in this JVM. */
public final class MemTransportProvider implements TransportProvider {

    /** For {@link java.util.ServiceLoader}. */
    public MemTransportProvider() {}

    @Override
    public Set<String> schemes() {
        return Set.of("mem");
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
