package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.spring.boot.actuate.HeartEndpoint;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.context.ConfigurableApplicationContext;

/** /actuator/heart is read-only unless the application opens it; every write is logged with its caller. */
class EndpointAccessTest {

    @Test
    void exposedWithTheDefaultsTheEndpointOnlyReads() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.web(
                        "spring.application.name=search",
                        "heart.registry=" + server.uri(),
                        "management.endpoints.web.exposure.include=*")) {
            Await.until("search registered", () -> registry.of("search") != null);
            assertEquals(200, TestApp.http(context, "GET", "/actuator/heart").statusCode());

            HttpResponse<String> delete = TestApp.http(context, "DELETE", "/actuator/heart");
            assertTrue(delete.statusCode() >= 400, delete.statusCode() + " " + delete.body());
            HttpResponse<String> post = TestApp.http(context, "POST", "/actuator/heart");
            assertTrue(post.statusCode() >= 400, post.statusCode() + " " + post.body());
            assertNotNull(registry.of("search"), "a DELETE deregistered with the default access");
            assertEquals(
                    HeartRegistration.Status.REGISTERED,
                    context.getBean(HeartRegistration.class).status());
        }
    }

    @Test
    void unrestrictedAccessLetsAnOperatorDrainAndEachWriteIsLoggedWithItsCaller() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.web(
                        "spring.application.name=search",
                        "heart.registry=" + server.uri(),
                        "management.endpoint.heart.access=unrestricted");
                LogCapture log = new LogCapture()) {
            Await.until("search registered", () -> registry.of("search") != null);
            HttpResponse<String> delete = TestApp.http(context, "DELETE", "/actuator/heart");
            assertEquals(200, delete.statusCode(), delete.body());
            assertNull(registry.of("search"), "still registered after DELETE /actuator/heart");
            assertTrue(
                    log.text()
                            .contains("INFO dev.heart.spring.boot.actuate.HeartEndpoint - heart: DELETE"
                                    + " /actuator/heart by an unauthenticated caller (no principal)"),
                    log.text());

            Principal alice = () -> "alice";
            context.getBean(HeartEndpoint.class).register(new SecurityContext() {
                @Override
                public Principal getPrincipal() {
                    return alice;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return false;
                }
            });
            assertTrue(log.text().contains("heart: POST /actuator/heart by 'alice': registering again"), log.text());
            Await.until("search registered again", () -> registry.of("search") != null);
        }
    }
}
