package dev.heart.spring.boot;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

/** Readiness reaches a real etcd: the key goes while the application refuses traffic and comes back. */
class ReadinessEtcdTest {

    @Test
    void theKeyFollowsTheApplicationsReadiness(@TempDir Path dir) {
        try (EtcdProcess etcd = new EtcdProcess(dir);
                ConfigurableApplicationContext context =
                        TestApp.web("spring.application.name=orders", "heart.registry=" + etcd.target())) {
            String key = "/heart/orders/orders-127.0.0.1-" + TestApp.port(context);
            Await.until("the key " + key + " in etcd", () -> etcd.has(key));
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            Await.until("the key gone while refusing traffic", () -> !etcd.has(key));
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            Await.until("the key back once accepting", () -> etcd.has(key));
        }
    }
}
