package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.transport.tcp.TcpRegistryServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The registration follows Spring Boot's readiness; an operator's deregistration wins over it. */
class ReadinessTest {

    @Test
    void registeredOnceAcceptingTrafficOutWhileRefusingBackWhenAcceptingAgain() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        AtomicReference<String> duringRunners = new AtomicReference<>("runner not run");
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApp.class)
                        .web(WebApplicationType.NONE)
                        .initializers(c -> c.getBeanFactory().registerSingleton("slowStart", (ApplicationRunner)
                                args -> {
                                    Thread.sleep(500); // time enough for a beat, were one sent before readiness
                                    duringRunners.set(c.getBean(HeartRegistration.class)
                                                    .status() + ", registry holds " + registry.of("orders"));
                                }))
                        .run(
                                "--spring.main.banner-mode=off",
                                "--spring.application.name=orders",
                                "--heart.registry=" + server.uri(),
                                "--heart.shutdown.drain-delay=0s")) {
            assertEquals(
                    "NOT_READY, registry holds null",
                    duringRunners.get(),
                    "registered before the application accepted traffic");
            Await.until("registered once ready", () -> registry.of("orders") != null);
            HeartRegistration registration = context.getBean(HeartRegistration.class);
            assertEquals(HeartRegistration.Status.REGISTERED, registration.status());

            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            assertNull(registry.of("orders"), "still registered while refusing traffic");
            assertEquals(HeartRegistration.Status.NOT_READY, registration.status());

            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            Await.until("registered again once accepting", () -> registry.of("orders") != null);
            assertEquals(HeartRegistration.Status.REGISTERED, registration.status());
        }
    }

    @Test
    void anOperatorsDeregistrationWinsOverReadinessUntilTheOperatorRegisters() throws InterruptedException {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.web(
                        "spring.application.name=orders",
                        "heart.registry=" + server.uri(),
                        "management.endpoint.heart.access=unrestricted")) {
            Await.until("registered", () -> registry.of("orders") != null);
            assertEquals(200, TestApp.http(context, "DELETE", "/actuator/heart").statusCode());
            assertNull(registry.of("orders"));

            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            Thread.sleep(500); // time enough for a beat, were one sent
            assertNull(registry.of("orders"), "readiness registered again over the operator's DELETE");
            assertTrue(TestApp.http(context, "GET", "/actuator/heart").body().contains("\"status\":\"DEREGISTERED\""));

            assertEquals(200, TestApp.http(context, "POST", "/actuator/heart").statusCode());
            Await.until("registered again by the operator", () -> registry.of("orders") != null);
        }
    }

    @Test
    void theDocsMaintenanceExampleTakesTheInstanceOutAndBack() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = new SpringApplicationBuilder(
                                TestApp.class, dev.heart.spring.boot.example.Maintenance.class)
                        .web(WebApplicationType.NONE)
                        .run(
                                "--spring.main.banner-mode=off",
                                "--spring.application.name=orders",
                                "--heart.registry=" + server.uri(),
                                "--heart.shutdown.drain-delay=0s")) {
            Await.until("registered", () -> registry.of("orders") != null);
            var maintenance = context.getBean(dev.heart.spring.boot.example.Maintenance.class);
            maintenance.begin();
            assertNull(registry.of("orders"), "still registered during the maintenance");
            maintenance.end();
            Await.until("registered after the maintenance", () -> registry.of("orders") != null);
        }
    }

    @Test
    void withoutFollowingReadinessItRegistersFromTheLifecycleStart() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.plain(
                        "spring.application.name=orders",
                        "heart.registry=" + server.uri(),
                        "heart.follow-readiness=false")) {
            Await.until("registered", () -> registry.of("orders") != null);
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            assertEquals(
                    HeartRegistration.Status.REGISTERED,
                    context.getBean(HeartRegistration.class).status());
        }
    }
}
