package dev.heart.engine.example;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.engine.Beating;
import dev.heart.engine.Health;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import dev.heart.engine.beater.LeaseFollowingBeater;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The README's usage snippet, compiled by the build. Keep the two identical. */
final class UsageExample {
    private UsageExample() {
    }

    static Beating register() {
        // README-SNIPPET-START
        var me = new RegistrantInfo("orders-7", "orders", Map.of("address", "10.0.0.7:8080"));
        var first = new OutgoingRequest(Request.beat(me), URI.create("tcp://registry.local:7070"));

        // Beat at a third of the registry's lease; ride through outages and restarts until stopped.
        var beater = LeaseFollowingBeater.builder().build();

        Heart heart = Heart.builder(beater)            // transports are found by URI scheme
                .listener(new HeartListener() {
                    @Override
                    public void healthChanged(Beating beating, Health previous, Health current) {
                        System.err.println("registration " + previous + " -> " + current);
                    }
                })
                .build();
        Beating beating = heart.start(first, Duration.ofSeconds(2), 2);
        // ... later: beating.stop() sends a bounded disconnect; heart.close() stops everything.
        // README-SNIPPET-END
        return beating;
    }
}
