package dev.heart.testkit.mem;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.registry.LeaseRegistry;
import dev.heart.testkit.MemBinding;
import dev.heart.testkit.MemNetwork;
import dev.heart.testkit.conformance.ServerTransportConformance;
import java.net.URI;
import java.util.OptionalInt;

/**
 * The server suite checked on the testkit's own side: the {@code mem} transport in front of a real
 * {@link LeaseRegistry} (heart-registry) passes it, as a transport with a real registry server must.
 */
class MemServerTransportConformanceTest extends ServerTransportConformance {

    @Override
    protected RegistryServer startServer() {
        String name = MemNetwork.uniqueName("server-conformance");
        LeaseRegistry registry = LeaseRegistry.builder(
                        RegistryInfo.of(name, LeaseRegistry.ANY_SERVICE, MemNetwork.uri(name)))
                .ownership(false)
                .build(); // the suite sends raw requests without tokens
        MemBinding binding = MemNetwork.bind(name, registry);
        return new RegistryServer() {
            @Override
            public URI target() {
                return binding.uri();
            }

            @Override
            public boolean holds(RegistrantInfo registrant) {
                return registry.isAlive(registrant.serviceType(), registrant.id());
            }

            @Override
            public void stop() {
                binding.close();
            }

            @Override
            public void close() {
                binding.close();
            }
        };
    }

    @Override
    protected RequestProtocol createProtocol() {
        return new MemTransportProvider().create();
    }

    @Override
    protected URI unreachableTarget() {
        return MemNetwork.uri("nobody-bound-here");
    }

    @Override
    protected String threadNamePrefix() {
        return MemProtocol.THREAD_PREFIX;
    }

    @Override
    protected OptionalInt pendingRequests(RequestProtocol protocol) {
        return OptionalInt.of(((MemProtocol) protocol).pendingRequests());
    }
}
