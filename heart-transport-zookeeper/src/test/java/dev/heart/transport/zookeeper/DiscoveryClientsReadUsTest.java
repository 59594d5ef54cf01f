package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heart.api.RegistrantInfo;
import dev.heart.transport.zookeeper.harness.Fleet;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkServer;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.UriSpec;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryClient;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperServiceInstance;

/**
 * The document is pinned against the real classes: Apache Curator 5.9.0's {@code ServiceDiscovery}
 * lists heart's registrants with their host, port and payload, Spring Cloud Zookeeper 5.0.2's
 * {@code ZookeeperDiscoveryClient} (over that Curator discovery, as its auto-configuration builds
 * it) lists them, and its {@code ZookeeperServiceInstance} has the right host, port, URI and
 * metadata, and the bytes are those Curator's own serializer writes for
 * the same instance.
 */
@Timeout(120)
class DiscoveryClientsReadUsTest {

    @Test
    void curatorServiceDiscoveryAndSpringCloudZookeeperListOurRegistrants() throws Exception {
        Fleet fleet = null;
        try (ZkServer zk = ZkServer.standalone();
                CuratorFramework curator = CuratorFrameworkFactory.newClient(zk.hostPort(), new RetryOneTime(100))) {
            fleet = new Fleet(zk.target(), "orders", 3, ZooKeeperTransport.builder());
            curator.start();
            assertTrue(curator.blockUntilConnected(30, TimeUnit.SECONDS), "curator connected");
            try (ServiceDiscovery<ZookeeperInstance> discovery = ServiceDiscoveryBuilder.builder(
                            ZookeeperInstance.class)
                    .client(curator)
                    .basePath(ZooKeeperTransport.ROOT)
                    .serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class))
                    .build()) {
                discovery.start();
                Collection<ServiceInstance<ZookeeperInstance>> instances = awaitInstances(discovery, "orders", 3);
                assertTrue(discovery.queryForNames().contains("orders"), "service names: " + discovery.queryForNames());
                Map<String, ServiceInstance<ZookeeperInstance>> byId = new HashMap<>();
                instances.forEach(i -> byId.put(i.getId(), i));
                for (int i = 0; i < 3; i++) {
                    RegistrantInfo who = fleet.registrants.get(i);
                    ServiceInstance<ZookeeperInstance> instance = byId.get(who.id());
                    assertEquals("orders", instance.getName());
                    assertEquals("127.0.0.1", instance.getAddress());
                    assertEquals(9000 + i, instance.getPort());
                    assertEquals(null, instance.getSslPort());
                    assertEquals(ServiceType.DYNAMIC, instance.getServiceType());
                    assertTrue(instance.getRegistrationTimeUTC() > 0, "a registration time");
                    assertEquals(who.id(), instance.getPayload().getId());
                    assertEquals("orders", instance.getPayload().getName());
                    assertEquals(
                            Map.of("zone", "z" + (i % 3)), instance.getPayload().getMetadata());

                    ZookeeperServiceInstance spring = new ZookeeperServiceInstance("orders", instance);
                    assertEquals(who.id(), spring.getInstanceId());
                    assertEquals("orders", spring.getServiceId());
                    assertEquals("127.0.0.1", spring.getHost());
                    assertEquals(9000 + i, spring.getPort());
                    assertEquals(false, spring.isSecure());
                    assertEquals(URI.create("http://127.0.0.1:" + (9000 + i)), spring.getUri());
                    assertEquals(Map.of("zone", "z" + (i % 3)), spring.getMetadata());
                }
                ZookeeperDiscoveryClient client = new ZookeeperDiscoveryClient(discovery, null, null);
                assertTrue(client.getServices().contains("orders"), "Spring Cloud's services: " + client.getServices());
                List<org.springframework.cloud.client.ServiceInstance> listed = client.getInstances("orders");
                assertEquals(3, listed.size(), "Spring Cloud's instances: " + listed);
                for (org.springframework.cloud.client.ServiceInstance instance : listed) {
                    int i = Integer.parseInt(instance.getInstanceId().substring("orders-".length()));
                    assertEquals("127.0.0.1", instance.getHost());
                    assertEquals(9000 + i, instance.getPort());
                    assertEquals(Map.of("zone", "z" + (i % 3)), instance.getMetadata());
                }
                fleet.close(); // the heart disconnects: the instances leave at once
                awaitInstances(discovery, "orders", 0);
            }
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
    }

    @Test
    void theDocumentIsWhatCuratorsOwnSerializerWrites() throws Exception {
        try (ZkServer zk = ZkServer.standalone();
                Fleet fleet = new Fleet(zk.target(), "billing", 1, ZooKeeperTransport.builder());
                ZkProbe probe = new ZkProbe(zk.hostPort())) {
            fleet.awaitAll(zk.hostPort(), "registration", System.nanoTime());
            RegistrantInfo who = fleet.registrants.get(0);
            String ours = probe.data(ZooKeeperTransport.path(who));
            ObjectMapper json = new ObjectMapper();
            long time = json.readTree(ours).get("registrationTimeUTC").asLong();

            Map<String, String> metadata = new LinkedHashMap<>(who.attributes());
            metadata.remove(ZooKeeperTransport.ADDRESS_ATTRIBUTE);
            ServiceInstance<ZookeeperInstance> same = new ServiceInstance<>(
                    "billing",
                    who.id(),
                    "127.0.0.1",
                    9000,
                    null,
                    new ZookeeperInstance(who.id(), "billing", metadata),
                    time,
                    ServiceType.DYNAMIC,
                    new UriSpec("{scheme}://{address}:{port}"));
            byte[] curators = new JsonInstanceSerializer<>(ZookeeperInstance.class).serialize(same);
            JsonNode expected = json.readTree(curators);
            assertEquals(expected, json.readTree(ours), "ours: " + ours + "\ncurator's: " + new String(curators));
            assertEquals(ZooKeeperTransport.PAYLOAD_CLASS, ZookeeperInstance.class.getName());
        }
    }

    static Collection<ServiceInstance<ZookeeperInstance>> awaitInstances(
            ServiceDiscovery<ZookeeperInstance> discovery, String name, int count) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Collection<ServiceInstance<ZookeeperInstance>> instances = null;
        while (System.nanoTime() - end < 0) {
            try {
                instances = discovery.queryForInstances(name);
                if (instances.size() == count) {
                    return instances;
                }
            } catch (org.apache.zookeeper.KeeperException.NoNodeException notYet) {
                // the service's parent is not there yet
            }
            Thread.sleep(50);
        }
        return fail("expected " + count + " instances of " + name + ", saw " + instances);
    }
}
