package dev.heart.bench.p3;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.ServiceType;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.jspecify.annotations.Nullable;

/**
 * P3's baseline, in its own JVM: Apache Curator 5.9.0's {@code ServiceDiscovery} (base path
 * {@code /services}, Curator's JSON serializer, as Spring Cloud Zookeeper builds it) on one
 * {@code CuratorFramework} with the session timeout heart's side asks for, registering N
 * {@code DYNAMIC} instances of service {@code p3curator} one after the other
 * ({@code registerService} returns when the znode is created). Each instance has the address
 * and port heart's registrants announce and a payload of the same fields as heart's
 * (Spring Cloud Zookeeper's id, name and empty metadata, without its class).
 */
public final class CuratorSide {
    static final String SERVICE = "p3curator";

    private CuratorSide() {}

    /** {@code connectString n sessionTimeoutMillis service}, see {@link SideArgs}. */
    public static void main(String[] args) throws Exception {
        SideArgs side = SideArgs.parse(args);
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(side.connectString())
                .sessionTimeoutMs((int) side.sessionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(1_000, 3))
                .build();
        client.start();
        if (!client.blockUntilConnected(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Curator did not connect to " + side.connectString() + " within 60 s");
        }
        ServiceDiscovery<Payload> discovery = ServiceDiscoveryBuilder.builder(Payload.class)
                .client(client)
                .basePath("/services")
                .serializer(new JsonInstanceSerializer<>(Payload.class))
                .build();
        discovery.start();
        // Curator's own builder stamps the registration time (the wall clock); every instance takes it
        long registered =
                ServiceInstance.<Payload>builder().name(side.service()).build().getRegistrationTimeUTC();
        for (int i = 0; i < side.n(); i++) {
            discovery.registerService(new ServiceInstance<>(
                    side.service(),
                    side.id(i),
                    "127.0.0.1",
                    SideArgs.port(i),
                    null,
                    new Payload(side.id(i), side.service(), Map.of()),
                    registered,
                    ServiceType.DYNAMIC,
                    null));
            if ((i + 1) % 5_000 == 0) {
                System.out.println("  curator: " + (i + 1) + " registered");
            }
        }
        SideArgs.serve(() -> {
            try {
                discovery.close();
            } finally {
                client.close();
            }
        });
        System.exit(0);
    }

    /**
     * The instances' payload: the fields of Spring Cloud Zookeeper's {@code ZookeeperInstance}
     * (heart writes that class's name beside them; the bench has no Spring Cloud Zookeeper).
     */
    public static final class Payload {
        /** The instance id. */
        public @Nullable String id;
        /** The service name. */
        public @Nullable String name;
        /** The metadata: none, as heart's registrants have no attribute but their address. */
        public @Nullable Map<String, String> metadata;

        /** For Jackson. */
        public Payload() {}

        Payload(String id, String name, Map<String, String> metadata) {
            this.id = id;
            this.name = name;
            this.metadata = metadata;
        }
    }
}
