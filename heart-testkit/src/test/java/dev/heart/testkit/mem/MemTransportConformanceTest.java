package dev.heart.testkit.mem;

import dev.heart.api.RegistryHandler;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.testkit.MemBinding;
import dev.heart.testkit.MemNetwork;
import dev.heart.testkit.conformance.TransportConformance;
import java.net.URI;
import java.util.OptionalInt;

/** The {@code mem} transport, in real time, passes the conformance suite. */
class MemTransportConformanceTest extends TransportConformance {

    @Override
    protected RegistryEndpoint startRegistry(RegistryHandler handler) {
        MemBinding binding = MemNetwork.bind(MemNetwork.uniqueName("conformance"), handler);
        return new RegistryEndpoint() {
            @Override
            public URI uri() {
                return binding.uri();
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

    /** The mem transport passes values by reference: no limit but memory; the suite uses 1 MiB. */
    @Override
    protected int attributeLimitBytes() {
        return 1 << 20;
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
