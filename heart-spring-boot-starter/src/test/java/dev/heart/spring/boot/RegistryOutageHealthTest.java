package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.transport.tcp.TcpRegistryServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A registry outage never becomes the application's outage: with the defaults the application's
 * health stays UP (HTTP 200) while the registration is lost, and {@code /actuator/health/heart}
 * says so and why; a health group gives a strict status to those who want one.
 */
class RegistryOutageHealthTest {

    @Test
    void theApplicationStaysHealthyWhileTheRegistryIsDownLongerThanTheLease() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(1));
        TcpRegistryServer server = TcpRegistryServer.start(registry);
        try (ConfigurableApplicationContext context = TestApp.web(
                "spring.application.name=billing",
                "heart.registry=" + server.uri(),
                "heart.beater.backoff-max=200ms")) {
            Await.until("billing registered", () -> registry.of("billing") != null);
            server.close();
            Await.until(
                    "the registration LOST",
                    () -> heart(context).body().contains("\"registration\":\"LOST\""),
                    () -> heart(context).body());

            HttpResponse<String> heart = heart(context);
            assertEquals(200, heart.statusCode(), heart.body());
            assertTrue(heart.body().contains("\"status\":\"UP\""), heart.body());
            assertTrue(heart.body().contains("the lease passed without an accepted beat"), heart.body());
            assertTrue(heart.body().contains("last failure: "), heart.body());
            HttpResponse<String> health = TestApp.http(context, "GET", "/actuator/health");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().endsWith("\"status\":\"UP\"}"), health.body());
        } finally {
            server.close();
        }
    }

    @Test
    void aHealthGroupGivesAStrictStatusWithoutTakingTheApplicationDown() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(1));
        TcpRegistryServer server = TcpRegistryServer.start(registry);
        // the properties of docs/spring-boot.md, "Running in production"
        try (ConfigurableApplicationContext context = TestApp.web(
                "spring.application.name=billing",
                "heart.registry=" + server.uri(),
                "heart.beater.backoff-max=200ms",
                "heart.health.lost-status=REGISTRATION_DOWN",
                "heart.health.unregistered-status=REGISTRATION_DOWN",
                "management.endpoint.health.group.registration.include=heart",
                "management.endpoint.health.group.registration.status.order=REGISTRATION_DOWN,DOWN,OUT_OF_SERVICE,UP,UNKNOWN",
                "management.endpoint.health.group.registration.status.http-mapping.registration-down=503")) {
            Await.until("billing registered", () -> registry.of("billing") != null);
            Await.until(
                    "the group UP",
                    () -> group(context).statusCode() == 200,
                    () -> group(context).body());
            server.close();
            Await.until(
                    "the group 503",
                    () -> group(context).statusCode() == 503,
                    () -> group(context).body());
            assertTrue(
                    group(context).body().contains("\"status\":\"REGISTRATION_DOWN\""),
                    group(context).body());
            HttpResponse<String> health = TestApp.http(context, "GET", "/actuator/health");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().endsWith("\"status\":\"UP\"}"), health.body());
        } finally {
            server.close();
        }
    }

    private static HttpResponse<String> heart(ConfigurableApplicationContext context) {
        return TestApp.http(context, "GET", "/actuator/health/heart");
    }

    private static HttpResponse<String> group(ConfigurableApplicationContext context) {
        return TestApp.http(context, "GET", "/actuator/health/registration");
    }
}
