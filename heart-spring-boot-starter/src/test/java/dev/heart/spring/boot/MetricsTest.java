package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.micrometer.HeartMeters;
import dev.heart.transport.tcp.TcpRegistryServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** With heart-micrometer on the class path, each registration's heart publishes its meters. */
class MetricsTest {

    @Test
    void theBeatsOfEachRegistryAreCountedOnTheApplicationsMeterRegistry() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.web(
                        "spring.application.name=metered",
                        "heart.registry=" + server.uri(),
                        "management.endpoints.web.exposure.include=health,heart,metrics")) {
            assertTrue(context.getBean(HeartFactory.class) instanceof MeterBindingHeartFactory);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Await.until("a beat counted", () -> {
                Counter beats = meters.find(HeartMeters.BEATS)
                        .tag("registry", server.uri().toString())
                        .counter();
                return beats != null && beats.count() >= 1;
            });
            String body = TestApp.http(context, "GET", "/actuator/metrics/" + HeartMeters.BEATS)
                    .body();
            assertTrue(
                    body.contains("\"registry\"") && body.contains(server.uri().toString()), body);
            assertEquals(
                    200,
                    TestApp.http(context, "GET", "/actuator/metrics/" + HeartMeters.HEALTH)
                            .statusCode());
        }
    }
}
