package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.transport.zookeeper.harness.Fleet;
import dev.heart.transport.zookeeper.harness.ZkServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot 4.0.7 application with {@code spring-cloud-starter-zookeeper-discovery} 5.0.2
 * (spring-cloud-dependencies 2025.1.4), configured only with the connect string, finds heart's
 * registrants through its auto-configured {@link DiscoveryClient}: host, port, URI and metadata.
 */
@Timeout(120)
class SpringCloudZookeeperContextTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Reader {}

    @Test
    void anAutoConfiguredSpringCloudZookeeperDiscoveryClientListsOurRegistrants() throws Exception {
        try (ZkServer zk = ZkServer.standalone();
                Fleet fleet = new Fleet(zk.target(), "inventory", 2, ZooKeeperTransport.builder())) {
            fleet.awaitAll(zk.hostPort(), "registration", System.nanoTime());
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Reader.class)
                    .web(WebApplicationType.NONE)
                    .properties(
                            "spring.application.name=reader",
                            "spring.cloud.zookeeper.connect-string=" + zk.hostPort(),
                            "spring.cloud.zookeeper.discovery.register=false",
                            "spring.cloud.service-registry.auto-registration.enabled=false")
                    .run()) {
                DiscoveryClient discovery = context.getBean(DiscoveryClient.class);
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                List<ServiceInstance> instances = discovery.getInstances("inventory");
                while (instances.size() < 2 && System.nanoTime() - end < 0) {
                    Thread.sleep(100);
                    instances = discovery.getInstances("inventory");
                }
                assertTrue(discovery.getServices().contains("inventory"), "services: " + discovery.getServices());
                assertEquals(2, instances.size(), "instances: " + instances);
                for (ServiceInstance instance : instances) {
                    int i = Integer.parseInt(instance.getInstanceId().substring("inventory-".length()));
                    assertEquals("inventory", instance.getServiceId());
                    assertEquals("127.0.0.1", instance.getHost());
                    assertEquals(9000 + i, instance.getPort());
                    assertEquals(
                            "http://127.0.0.1:" + (9000 + i), instance.getUri().toString());
                    assertEquals(Map.of("zone", "z" + (i % 3)), instance.getMetadata());
                }
            }
        }
    }
}
