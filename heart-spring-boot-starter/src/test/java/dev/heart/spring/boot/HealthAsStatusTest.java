package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.heart.api.RegistrantInfo;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * heart.registrant.health-as-status: the application's health reaches the registry as its status,
 * seen in the registries' own state: a real TCP registry's registrant attributes and a real Eureka
 * server's instance status.
 */
class HealthAsStatusTest {

    @Test
    void theHealthReachesATcpRegistryAsTheStatusAttributeAndAnOperatorsDeleteStillWins() throws Exception {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(2));
        AtomicReference<Status> health = new AtomicReference<>(Status.UP);
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = web(
                        health,
                        "spring.application.name=orders",
                        "heart.registry=" + server.uri(),
                        "heart.registrant.health-as-status=true",
                        "management.endpoint.heart.access=unrestricted")) {
            Await.until(
                    "registered as UP",
                    () -> "UP".equals(status(registry)),
                    () -> String.valueOf(registry.of("orders")));

            health.set(Status.DOWN);
            Await.until(
                    "the registry holds DOWN",
                    () -> "DOWN".equals(status(registry)),
                    () -> String.valueOf(registry.of("orders")));
            health.set(Status.UP);
            Await.until(
                    "the registry holds UP again",
                    () -> "UP".equals(status(registry)),
                    () -> String.valueOf(registry.of("orders")));

            assertEquals(200, TestApp.http(context, "DELETE", "/actuator/heart").statusCode());
            assertNull(registry.of("orders"));
            HeartRegistration registration = context.getBean(HeartRegistration.class);
            health.set(Status.DOWN);
            Await.until(
                    "the health read while deregistered",
                    () -> "DOWN".equals(registration.registrant().attributes().get("status")));
            Thread.sleep(1000); // time enough for beats (a third of the 2 s lease each), were one sent
            assertNull(registry.of("orders"), "a health change registered again over the operator's DELETE");

            assertEquals(200, TestApp.http(context, "POST", "/actuator/heart").statusCode());
            Await.until("registered again by the operator, as DOWN", () -> "DOWN".equals(status(registry)));
        }
    }

    @Test
    void theHealthReachesEurekaAsTheInstanceStatus() throws Exception {
        AtomicReference<Status> health = new AtomicReference<>(Status.UP);
        try (EurekaTestServer eureka = new EurekaTestServer();
                ConfigurableApplicationContext context = web(
                        health,
                        "spring.application.name=orders",
                        "heart.registry=" + eureka.heartUri(),
                        // a 3 s lease: a beat a second
                        "heart.registrant.attributes[eureka.durationInSecs]=3",
                        "heart.registrant.health-as-status=true")) {
            String id = context.getBean(HeartRegistration.class).registrant().id();
            Await.until("UP in Eureka", () -> "UP".equals(eureka.instanceStatus("orders", id)));

            health.set(Status.DOWN);
            Await.until(
                    "DOWN in Eureka",
                    () -> "DOWN".equals(eureka.instanceStatus("orders", id)),
                    () -> eureka.get("/eureka/apps/ORDERS/" + id));
            health.set(Status.UP);
            Await.until("UP in Eureka again", () -> "UP".equals(eureka.instanceStatus("orders", id)));
            // Eureka's server keeps an UP instance UP when it says OUT_OF_SERVICE: it is sent as DOWN
            health.set(Status.OUT_OF_SERVICE);
            Await.until("OUT_OF_SERVICE read", () -> "OUT_OF_SERVICE".equals(statusSent(context)));
            Await.until("DOWN in Eureka", () -> "DOWN".equals(eureka.instanceStatus("orders", id)));
            health.set(Status.UP);
            Await.until("UP in Eureka again", () -> "UP".equals(eureka.instanceStatus("orders", id)));
        }
    }

    @Test
    void eurekaStatusesOfHealthStatuses() {
        assertEquals("UP", HeartRegistration.eurekaStatus("UP"));
        assertEquals("DOWN", HeartRegistration.eurekaStatus("DOWN"));
        assertEquals("DOWN", HeartRegistration.eurekaStatus("OUT_OF_SERVICE"));
        assertEquals("DOWN", HeartRegistration.eurekaStatus("UNKNOWN"));
        assertEquals("DOWN", HeartRegistration.eurekaStatus("FATAL"));
    }

    private static String statusSent(ConfigurableApplicationContext context) {
        return context.getBean(HeartRegistration.class)
                .registrant()
                .attributes()
                .get("status");
    }

    private static String status(TestRegistry registry) {
        RegistrantInfo registrant = registry.of("orders");
        return registrant == null ? null : registrant.attributes().get("status");
    }

    /** A web application whose health includes the indicator {@code switch}, reporting {@code health}. */
    private static ConfigurableApplicationContext web(AtomicReference<Status> health, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "heart.shutdown.drain-delay=0s",
                "spring.main.banner-mode=off",
                "management.endpoints.web.exposure.include=health,heart"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(TestApp.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("switchHealthIndicator", (HealthIndicator)
                        () -> Health.status(health.get()).build()))
                .properties(all.toArray(String[]::new))
                .run();
    }
}
