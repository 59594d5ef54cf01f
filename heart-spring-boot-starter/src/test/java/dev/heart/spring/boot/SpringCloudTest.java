package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.transport.tcp.TcpRegistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/** Spring Cloud sees heart's registration; another registry's Spring Cloud client works beside it. */
class SpringCloudTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theServiceRegistryEndpointReadsAndSetsHeartsStatusAndTheEventsCome() throws Exception {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context =
                        web(events, "--spring.application.name=orders", "--heart.registry=" + server.uri())) {
            Await.until("registered", () -> registry.of("orders") != null);
            int port = TestApp.port(context);
            Registration registration = context.getBean(Registration.class);
            assertEquals("orders", registration.getServiceId());
            assertEquals("orders-127.0.0.1-" + port, registration.getInstanceId());
            assertEquals(URI.create("http://127.0.0.1:" + port), registration.getUri());
            assertEquals(1, context.getBeansOfType(ServiceRegistry.class).size());
            Await.until("Spring Cloud's events", () -> events.size() == 2, events::toString);
            assertTrue(
                    events.get(0) instanceof InstancePreRegisteredEvent pre
                            && pre.getRegistration().getInstanceId().equals(registration.getInstanceId()),
                    events.toString());

            assertTrue(send(context, "GET", null).body().contains("\"status\":\"UP\""));
            assertEquals(
                    200,
                    send(context, "POST", "{\"status\":\"OUT_OF_SERVICE\"}").statusCode());
            assertNull(registry.of("orders"), "still registered after OUT_OF_SERVICE");
            assertTrue(send(context, "GET", null).body().contains("\"heart\":\"DEREGISTERED\""));
            assertEquals(200, send(context, "POST", "{\"status\":\"UP\"}").statusCode());
            Await.until("registered again", () -> registry.of("orders") != null);
        }
    }

    @Test
    void anApplicationWithEurekasSpringCloudClientStartsAndWorksWithBoth() throws Exception {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
        try (EurekaTestServer eureka = new EurekaTestServer();
                TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = web(
                        events,
                        "--spring.application.name=orders",
                        "--heart.registry=" + server.uri(),
                        "--eureka.client.enabled=true",
                        "--eureka.client.fetch-registry=false",
                        "--eureka.client.register-with-eureka=true",
                        "--eureka.client.jersey.enabled=false",
                        "--eureka.client.service-url.defaultZone=" + eureka.zone())) {
            Await.until("registered with heart's registry", () -> registry.of("orders") != null);
            Await.until("registered with Eureka by its own client", () -> eureka.lists("orders"));
            // Eureka's own registry and registration serve Spring Cloud; heart's step aside
            assertEquals(
                    "EurekaServiceRegistry",
                    context.getBean(ServiceRegistry.class).getClass().getSimpleName());
            assertTrue(context.getBean(Registration.class)
                    .getClass()
                    .getSimpleName()
                    .startsWith("EurekaRegistration"));
            assertTrue(context.getBeansOfType(CloudRegistration.class).isEmpty());
            HttpResponse<String> status = send(context, "GET", null);
            assertEquals(200, status.statusCode(), status.body());
            Await.until(
                    "heart's events",
                    () -> events.stream().anyMatch(e -> e instanceof InstanceRegisteredEvent<?>),
                    events::toString);
            assertEquals(200, TestApp.http(context, "GET", "/actuator/heart").statusCode());
        }
    }

    private static ConfigurableApplicationContext web(List<ApplicationEvent> events, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--heart.shutdown.drain-delay=0s",
                "--management.endpoints.web.exposure.include=health,heart,serviceregistry"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(TestApp.class)
                .listeners((ApplicationListener<ApplicationEvent>) event -> {
                    if (event instanceof InstancePreRegisteredEvent || event instanceof InstanceRegisteredEvent<?>) {
                        events.add(event);
                    }
                })
                .run(all.toArray(String[]::new));
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext context, String method, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + TestApp.port(context) + "/actuator/serviceregistry"))
                .timeout(Duration.ofSeconds(10));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
