package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example of docs/zookeeper.md, compiled here (java .ci/SnippetCheck.java keeps them equal) and run against a real ZooKeeper. */
@Timeout(60)
class DocsExampleTest {

    /** Keeps orders-1 registered in the ZooKeeper ensemble {@code zk} while {@code serve} runs. */
    static void register(URI zk, Callable<?> serve) throws Exception {
        RegistrantInfo me =
                new RegistrantInfo("orders-1", "orders", Map.of("address", "10.0.0.7:8080", "zone", "eu-1"));
        OutgoingRequest first = new OutgoingRequest(Request.beat(me), zk);
        HeartBeater beater = LeaseFollowingBeater.builder(first).build(); // at a third of the session timeout
        try (Heart heart = Heart.builder(beater).build()) { // finds "zk" by its scheme
            Beating beating = heart.start(first, Duration.ofSeconds(1), 2);
            serve.call(); // ... serve ...
            beating.stop(); // deletes the znode
        }
    }

    @Test
    void theExampleRegistersAndLeaves() throws Exception {
        try (ZkServer server = ZkServer.standalone();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            String path = "/services/orders/orders-1";
            register(server.target(), () -> {
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (probe.stat(path) == null && System.nanoTime() - end < 0) {
                    Thread.sleep(50);
                }
                String data = probe.data(path);
                assertTrue(data.contains("\"address\":\"10.0.0.7\",\"port\":8080"), data);
                assertTrue(data.contains("\"metadata\":{\"zone\":\"eu-1\"}"), data);
                assertEquals(probe.stat(path).getEphemeralOwner() != 0, true, "ephemeral");
                return null;
            });
            assertNull(probe.stat(path), "deleted when the beating stopped");
        }
    }
}
