package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.netflix.appinfo.InstanceInfo;
import dev.heart.api.RegistrantInfo;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.transport.eureka.EurekaTransport;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.netflix.eureka.EurekaDiscoveryClient;
import org.springframework.cloud.netflix.eureka.EurekaServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 25, item 3: Spring Cloud Netflix's Eureka {@code DiscoveryClient} reads the instances that
 * heart's Eureka transport registers, with their host, port, status and metadata, from a real
 * Eureka server.
 */
class EurekaDiscoveryClientTest {

    @Test
    @SuppressWarnings("try") // the beatings are held open, not used
    void springCloudsEurekaDiscoveryClientListsHeartsRegistrantsWithHostPortStatusAndMetadata() throws Exception {
        try (EurekaTestServer eureka = new EurekaTestServer();
                Heart heart = Heart.builder().build()) {
            URI registry = URI.create(eureka.heartUri());
            // the address alone: host name, IP address and port come from it
            RegistrantInfo plain =
                    new RegistrantInfo("orders-1", "orders", Map.of("zone", "eu-1")).withAddress("127.0.0.1", 8081);
            // every field set by its own attribute
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("address", "127.0.0.2:8082");
            attributes.put(EurekaTransport.HOST_NAME_ATTRIBUTE, "orders-2.example");
            attributes.put(EurekaTransport.IP_ADDRESS_ATTRIBUTE, "127.0.0.2");
            attributes.put(EurekaTransport.PORT_ATTRIBUTE, "9092");
            attributes.put("version", "2.1");
            RegistrantInfo explicit = new RegistrantInfo("orders-2", "orders", attributes);
            // DOWN: Eureka's clients list only UP instances
            RegistrantInfo down = new RegistrantInfo(
                            "orders-3", "orders", Map.of(EurekaTransport.STATUS_ATTRIBUTE, "DOWN"))
                    .withAddress("127.0.0.3", 8083);
            try (Beating one = heart.register(plain, registry);
                    Beating two = heart.register(explicit, registry);
                    Beating three = heart.register(down, registry);
                    ConfigurableApplicationContext client = clientOnceHeld(eureka)) {
                EurekaDiscoveryClient discovery = client.getBean(EurekaDiscoveryClient.class);
                Await.until(
                        "Spring Cloud's Eureka client lists the UP instances, not the DOWN one",
                        () -> discovery.getInstances("orders").size() == 2,
                        () -> discovery.getInstances("orders") + " of " + eureka.get("/eureka/apps/ORDERS"));
                List<ServiceInstance> instances = discovery.getInstances("orders").stream()
                        .sorted(Comparator.comparing(ServiceInstance::getInstanceId))
                        .toList();

                ServiceInstance first = instances.get(0);
                assertEquals("orders-1", first.getInstanceId());
                assertEquals("ORDERS", first.getServiceId());
                assertEquals("127.0.0.1", first.getHost());
                assertEquals(8081, first.getPort());
                assertEquals(false, first.isSecure());
                assertEquals(URI.create("http://127.0.0.1:8081"), first.getUri());
                assertEquals(Map.of("zone", "eu-1", "address", "127.0.0.1:8081"), first.getMetadata());
                assertEquals(InstanceInfo.InstanceStatus.UP, status(first));

                ServiceInstance second = instances.get(1);
                assertEquals("orders-2", second.getInstanceId());
                assertEquals("orders-2.example", second.getHost());
                assertEquals(9092, second.getPort());
                assertEquals(
                        "127.0.0.2",
                        ((EurekaServiceInstance) second).getInstanceInfo().getIPAddr());
                assertEquals(URI.create("http://orders-2.example:9092"), second.getUri());
                assertEquals(Map.of("address", "127.0.0.2:8082", "version", "2.1"), second.getMetadata());
                assertEquals(InstanceInfo.InstanceStatus.UP, status(second));

                assertEquals(
                        List.of("ORDERS"),
                        discovery.getServices().stream()
                                .map(s -> s.toUpperCase(java.util.Locale.ROOT))
                                .toList());
            }
        }
    }

    /** Spring Cloud's Eureka client, started once the server holds the three instances (one DOWN). */
    private static ConfigurableApplicationContext clientOnceHeld(EurekaTestServer eureka) {
        for (String id : List.of("orders-1", "orders-2")) {
            Await.until(id + " UP in Eureka", () -> "UP".equals(eureka.instanceStatus("orders", id)));
        }
        Await.until("orders-3 DOWN in Eureka", () -> "DOWN".equals(eureka.instanceStatus("orders", "orders-3")));
        // command-line arguments: they win over the tests' application.properties
        return new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.main.banner-mode=off",
                        "--heart.enabled=false",
                        "--eureka.client.enabled=true",
                        "--eureka.client.register-with-eureka=false",
                        "--eureka.client.fetch-registry=true",
                        "--eureka.client.registry-fetch-interval-seconds=1",
                        "--eureka.client.jersey.enabled=false",
                        "--eureka.client.service-url.defaultZone=" + eureka.zone());
    }

    private static InstanceInfo.InstanceStatus status(ServiceInstance instance) {
        return ((EurekaServiceInstance) instance).getInstanceInfo().getStatus();
    }
}
