package dev.heart.transport.zookeeper;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.testkit.conformance.ServerTransportConformance;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkServer;
import dev.heart.transport.zookeeper.internal.ZkProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The ZooKeeper transport against the testkit's conformance suite for transports whose registry
 * is a real server: each test gets its own ZooKeeper in a child JVM, and the suite asks ZooKeeper
 * itself (its own client) which znodes it holds.
 */
class ZooKeeperTransportConformanceTest extends ServerTransportConformance {

    @Override
    protected RegistryServer startServer() {
        ZkServer zk = ZkServer.standalone();
        return new RegistryServer() {
            private ZkProbe probe;

            @Override
            public URI target() {
                return zk.target();
            }

            @Override
            public synchronized boolean holds(RegistrantInfo registrant) throws Exception {
                if (probe == null) {
                    probe = new ZkProbe(zk.hostPort());
                }
                return probe.stat(ZooKeeperTransport.path(registrant)) != null;
            }

            @Override
            public void stop() {
                zk.kill();
            }

            @Override
            public synchronized void close() {
                if (probe != null) {
                    probe.close();
                }
                zk.close();
            }
        };
    }

    @Override
    protected RequestProtocol createProtocol() {
        return ZooKeeperTransport.builder()
                .sessionTimeout(Duration.ofSeconds(4))
                .build();
    }

    @Override
    protected URI unreachableTarget() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("zk://127.0.0.1:" + socket.getLocalPort()); // closed again at once
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    @Override
    protected String threadNamePrefix() {
        return "heart-zk";
    }

    @Override
    protected RegistrantInfo registrant(String id) {
        return new RegistrantInfo(id, "conformance", Map.of(ZooKeeperTransport.ADDRESS_ATTRIBUTE, "127.0.0.1:8080"));
    }

    @Override
    protected OptionalInt pendingRequests(RequestProtocol protocol) {
        return OptionalInt.of(((ZkProtocol) protocol).pendingCount());
    }
}
