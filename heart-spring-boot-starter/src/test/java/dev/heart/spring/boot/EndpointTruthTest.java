package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.transport.tcp.TcpRegistryServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** What the actuator shows is current and keeps secrets. */
class EndpointTruthTest {

    @Test
    void afterADeleteTheEndpointShowsNoStaleLeaseNorFailure() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        int nobody = TcpRegistrationTest.freePort();
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.web(
                        "spring.application.name=search",
                        "heart.registry=" + server.uri() + ",tcp://127.0.0.1:" + nobody,
                        "management.endpoint.heart.access=unrestricted")) {
            Await.until("registered", () -> registry.of("search") != null);
            HeartRegistration registration = context.getBean(HeartRegistration.class);
            Await.until(
                    "an attempt failed", () -> registration.snapshots().get(1).lastFailure() != null);
            String before = TestApp.http(context, "GET", "/actuator/heart").body();
            assertTrue(before.contains("\"leaseLeft\":\"PT") && before.contains("\"lastFailure\""), before);

            assertEquals(200, TestApp.http(context, "DELETE", "/actuator/heart").statusCode());
            String after = TestApp.http(context, "GET", "/actuator/heart").body();
            assertTrue(after.contains("\"status\":\"DEREGISTERED\""), after);
            assertFalse(after.contains("\"leaseLeft\":\"PT"), after);
            assertFalse(after.contains("\"lastFailure\""), after);
        }
    }

    @Test
    void theEtcdPasswordIsMaskedInConfigpropsAndEnvWhateverShowValuesSays() {
        try (ConfigurableApplicationContext context = TestApp.web(
                "spring.application.name=vault",
                "heart.registry=etcd://127.0.0.1:" + TcpRegistrationTest.freePort(),
                "heart.etcd.user=root",
                "heart.etcd.password=s3cret-pw",
                "heart.etcd.allow-plaintext-credentials=true",
                "management.endpoints.web.exposure.include=configprops,env",
                "management.endpoint.configprops.show-values=always",
                "management.endpoint.env.show-values=always")) {
            for (String path : new String[] {"/actuator/configprops", "/actuator/env"}) {
                HttpResponse<String> shown = TestApp.http(context, "GET", path);
                assertEquals(200, shown.statusCode(), path);
                assertFalse(shown.body().contains("s3cret-pw"), path + " shows the password: " + shown.body());
                assertTrue(shown.body().contains("root"), path + " shows nothing at all: " + shown.body());
            }
        }
    }
}
