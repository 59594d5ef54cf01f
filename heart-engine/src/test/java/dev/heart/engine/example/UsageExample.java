package dev.heart.engine.example;

import dev.heart.api.RegistrantInfo;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import java.net.URI;
import java.util.Map;

/** The README's usage snippet, compiled by the build. Keep the two identical. */
final class UsageExample {
    private UsageExample() {}

    static Beating register() {
        // README-SNIPPET-START
        var me = new RegistrantInfo("orders-7", "orders", Map.of("address", "10.0.0.7:8080"));

        Heart heart = Heart.builder().build(); // one per application; transports are found by URI scheme
        Beating registration = heart.register(me, URI.create("tcp://registry.local:7070"));

        // Registered now, and kept so through outages and registry restarts, following the
        // registry's lease: registration.health() and registration.stats() say how it goes.
        // At shutdown, registration.close() leaves the registry (one bounded disconnect), and
        // heart.close() stops everything.
        // README-SNIPPET-END
        return registration;
    }
}
