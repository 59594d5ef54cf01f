package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.security.TlsConfig;
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
 * The server-name check of {@code zks://}: a real ZooKeeper serving TLS with a certificate from a
 * trusted CA that names another address (127.0.0.2) than the one the connect string names
 * (127.0.0.1). By default the beats fail and nothing is registered; {@code
 * TlsConfig.Builder.verifyServerName(false)}, the documented opt-out for tests, registers.
 */
@Timeout(120)
class ZooKeeperServerNameTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static ZkServer server;
    static URI target;
    static Path ca;

    @BeforeAll
    static void startServerNamingAnotherAddress() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "zk-name-");
        TestCertificates.Issued authority = TestCertificates.ca(dir, "name-ca");
        TestCertificates.Issued serverCert = TestCertificates.server(dir, "zk-elsewhere", authority, "127.0.0.2");
        ca = authority.certFile();
        Path serverPem = dir.resolve("server-store.pem");
        Files.writeString(serverPem, Files.readString(serverCert.keyFile()) + Files.readString(serverCert.certFile()));
        int securePort = ZkServer.freePort();
        server = ZkServer.standalone(Map.of(
                "secureClientPort", Integer.toString(securePort),
                "secureClientPortAddress", "127.0.0.1",
                "serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory",
                "ssl.keyStore.location", serverPem.toString(),
                "ssl.keyStore.type", "PEM",
                "ssl.trustStore.location", ca.toString(),
                "ssl.trustStore.type", "PEM",
                "ssl.clientAuth", "none"));
        target = URI.create("zks://127.0.0.1:" + securePort);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Response send(RequestProtocol zk, Request request, Duration deadline) throws Exception {
        return zk.send(new OutgoingRequest(request, target), deadline).get(deadline.toSeconds() * 2, TimeUnit.SECONDS);
    }

    @Test
    void aCertificateNamingAnotherHostFailsTheBeatsByDefault() throws Exception {
        RegistrantInfo who = RegistrantInfo.of("named-1", "names");
        try (RequestProtocol zk = ZooKeeperTransport.builder()
                        .tls(TlsConfig.builder().trust(ca).build())
                        .build();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            ExecutionException e =
                    assertThrows(ExecutionException.class, () -> send(zk, Request.beat(who), Duration.ofSeconds(3)));
            assertTrue(e.getCause() instanceof TransportException, "fails as a transport error: " + e.getCause());
            assertNull(probe.stat(ZooKeeperTransport.path(who)), "nothing registered");
        }
    }

    @Test
    void verifyServerNameFalseAcceptsIt() throws Exception {
        RegistrantInfo who = RegistrantInfo.of("named-2", "names");
        try (RequestProtocol zk = ZooKeeperTransport.builder()
                        .tls(TlsConfig.builder()
                                .trust(ca)
                                .verifyServerName(false)
                                .build())
                        .build();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            assertFalse(send(zk, Request.beat(who), WAIT).reject(), "registered without the name check");
            assertNotNull(probe.stat(ZooKeeperTransport.path(who)), "the znode, seen over plaintext");
        }
    }
}
