package dev.heart.engine.example;

import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import dev.heart.api.Response;
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

        // Beat again at a third of the registry's deadline; stop when it rejects us.
        HeartBeater beater = (response, roundTrip, retries, next) -> {
            if (!response.reject()) {
                next.send(first, Duration.ofSeconds(2), 2, response.timeout().dividedBy(3));
            }
        };

        Heart heart = Heart.builder(beater)            // transports are found by URI scheme
                .listener(new HeartListener() {
                    @Override
                    public void disconnected(Beating beating, Response last, Throwable cause) {
                        System.err.println("registration lost: " + cause);
                    }
                })
                .build();
        Beating beating = heart.start(first, Duration.ofSeconds(2), 2);
        // ... later: beating.stop() sends a bounded disconnect; heart.close() stops everything.
        // README-SNIPPET-END
        return beating;
    }
}
