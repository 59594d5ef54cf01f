package dev.heart.transport.etcd;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.testkit.conformance.ServerTransportConformance;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import dev.heart.transport.etcd.internal.GrpcEtcdClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The etcd transport against the testkit's conformance suite for transports whose registry is a
 * real server: each test gets its own one-member etcd process on loopback, and the suite asks
 * etcd itself (not the transport) which keys it holds.
 */
class EtcdTransportConformanceTest extends ServerTransportConformance {

    @Override
    protected RegistryServer startServer() {
        EtcdCluster etcd = EtcdCluster.start(1);
        URI target = etcd.member(0).target();
        return new RegistryServer() {
            @Override
            public URI target() {
                return target;
            }

            @Override
            public boolean holds(RegistrantInfo registrant) {
                return EtcdProbe.get(target, EtcdTransport.key(registrant)).isPresent();
            }

            @Override
            public void stop() {
                etcd.member(0).kill();
            }

            @Override
            public void close() {
                etcd.close();
            }
        };
    }

    @Override
    protected RequestProtocol createProtocol() {
        return EtcdTransport.create();
    }

    @Override
    protected URI unreachableTarget() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("etcd://127.0.0.1:" + socket.getLocalPort()); // closed again at once
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    @Override
    protected String threadNamePrefix() {
        return "heart-etcd-";
    }

    /** A short lease, so nothing of a test outlives it for long; still well above any wait of the suite's beats. */
    @Override
    protected RegistrantInfo registrant(String id) {
        return new RegistrantInfo(id, "conformance", Map.of(EtcdTransport.TTL_ATTRIBUTE, "30"));
    }

    @Override
    protected OptionalInt pendingRequests(RequestProtocol protocol) {
        return OptionalInt.of(((GrpcEtcdClient) protocol).pendingCount());
    }
}
