package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkServer;
import dev.heart.transport.zookeeper.tls.TestCertificates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code zks://} against a real ZooKeeper serving TLS (Netty, test-made certificates for 127.0.0.1,
 * client certificates required): with the CA trusted and a client certificate the registrant is
 * registered and deleted on disconnect; without the CA, or without a client certificate, beats fail
 * (no hang, no acceptance).
 */
@Timeout(120)
class ZooKeeperTlsTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static Path dir;
    static ZkServer server;
    static URI target;
    static Path ca;
    static Path client;

    @BeforeAll
    static void startTlsServer() throws Exception {
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "zk-tls-");
        TestCertificates.Issued authority = TestCertificates.ca(dir, "test-ca");
        TestCertificates.Issued serverCert = TestCertificates.server(dir, "zk-server", authority);
        TestCertificates.Issued clientCert =
                TestCertificates.client(dir, "heart", authority, false, TestCertificates.KeyFormat.PKCS8);
        ca = authority.certFile();
        Path serverPem = dir.resolve("server-store.pem");
        Files.writeString(serverPem, Files.readString(serverCert.keyFile()) + Files.readString(serverCert.certFile()));
        client = dir.resolve("client-store.pem");
        Files.writeString(client, Files.readString(clientCert.keyFile()) + Files.readString(clientCert.certFile()));
        int securePort = ZkServer.freePort();
        server = ZkServer.standalone(Map.of(
                "secureClientPort", Integer.toString(securePort),
                "secureClientPortAddress", "127.0.0.1",
                "serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory",
                "ssl.keyStore.location", serverPem.toString(),
                "ssl.keyStore.type", "PEM",
                "ssl.trustStore.location", ca.toString(),
                "ssl.trustStore.type", "PEM",
                "ssl.clientAuth", "need",
                "ssl.clientHostnameVerification", "false"));
        target = URI.create("zks://127.0.0.1:" + securePort);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Response send(RequestProtocol zk, Request request) throws Exception {
        return send(zk, request, WAIT);
    }

    static Response send(RequestProtocol zk, Request request, Duration deadline) throws Exception {
        return zk.send(new OutgoingRequest(request, target), deadline).get(deadline.toSeconds() * 2, TimeUnit.SECONDS);
    }

    @Test
    void mutualTlsRegistersAndDisconnectDeletes() throws Exception {
        RegistrantInfo who = new RegistrantInfo("secure-1", "secure", Map.of("address", "127.0.0.1:8443"));
        try (RequestProtocol zk = ZooKeeperTransport.builder()
                        .trustStore(ca, null)
                        .keyStore(client, null)
                        .build();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            Response first = send(zk, Request.beat(who));
            assertFalse(first.reject(), "registered over TLS: " + first);
            assertEquals(target, first.registry().address());
            assertNotNull(probe.stat(ZooKeeperTransport.path(who)), "the znode, seen over plaintext");
            assertFalse(send(zk, Request.beat(who)).reject(), "renewed");
            assertEquals(
                    RejectReason.DISCONNECTED, send(zk, new Request(who, true)).rejectReason());
            assertEquals(null, probe.stat(ZooKeeperTransport.path(who)), "deleted");
            assertTrue(nettyThreads() > 0, "ZooKeeper's Netty event loop runs the TLS session");
        }
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (nettyThreads() > 0 && System.nanoTime() - end < 0) {
            Thread.sleep(50);
        }
        assertEquals(0, nettyThreads(), "ZooKeeper's Netty threads stop when the transport closes");
    }

    static long nettyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("zkNetty-"))
                .count();
    }

    @Test
    void anUntrustedServerOrNoClientCertificateFailsTheBeats() {
        RegistrantInfo who = RegistrantInfo.of("refused-1", "secure");
        for (ZooKeeperTransport.Builder settings : new ZooKeeperTransport.Builder[] {
            ZooKeeperTransport.builder().keyStore(client, null), // the JDK's CAs: the test CA is unknown
            ZooKeeperTransport.builder().trustStore(ca, null)
        }) { // no client certificate
            try (RequestProtocol zk = settings.build()) {
                ExecutionException e = assertThrows(
                        ExecutionException.class, () -> send(zk, Request.beat(who), Duration.ofSeconds(3)));
                assertTrue(e.getCause() instanceof TransportException, "fails as a transport error: " + e.getCause());
            }
        }
    }
}
