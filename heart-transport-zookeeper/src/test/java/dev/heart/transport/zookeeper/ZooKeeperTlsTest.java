package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkServer;
import dev.heart.transport.zookeeper.internal.ZkProtocol;
import dev.heart.transport.zookeeper.tls.TestCertificates;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code zks://} against a real ZooKeeper serving TLS (Netty, test-made certificates for 127.0.0.1,
 * client certificates required), configured with the shared {@link TlsConfig}: with the CA trusted
 * and a client certificate (PEM or PKCS#12) the registrant is registered and deleted on
 * disconnect, the store files ZooKeeper's client reads are owner-only and deleted on close;
 * without the CA, or without a client certificate, beats fail (no hang, no acceptance); digest
 * credentials go over TLS without any opt-in.
 */
@Timeout(120)
class ZooKeeperTlsTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static Path dir;
    static ZkServer server;
    static URI target;
    static Path ca;
    static TestCertificates.Issued clientCert;

    @BeforeAll
    static void startTlsServer() throws Exception {
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "zk-tls-");
        TestCertificates.Issued authority = TestCertificates.ca(dir, "test-ca");
        TestCertificates.Issued serverCert = TestCertificates.server(dir, "zk-server", authority);
        clientCert = TestCertificates.client(dir, "heart", authority, true, TestCertificates.KeyFormat.TRADITIONAL);
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

    static TlsConfig mutual() {
        return TlsConfig.builder()
                .trust(ca)
                .identity(clientCert.certFile(), clientCert.keyFile())
                .build();
    }

    @Test
    void mutualTlsRegistersAndDisconnectDeletes() throws Exception {
        RegistrantInfo who = new RegistrantInfo("secure-1", "secure", Map.of("address", "127.0.0.1:8443"));
        Path stores;
        try (RequestProtocol zk = ZooKeeperTransport.builder().tls(mutual()).build();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            assertNull(((ZkProtocol) zk).tlsStoreDirectory(), "nothing written before the first zks:// session");
            Response first = send(zk, Request.beat(who));
            assertFalse(first.reject(), "registered over TLS: " + first);
            assertEquals(target, first.registry().address());
            assertNotNull(probe.stat(ZooKeeperTransport.path(who)), "the znode, seen over plaintext");
            assertFalse(send(zk, Request.beat(who)).reject(), "renewed");
            assertEquals(
                    RejectReason.DISCONNECTED, send(zk, new Request(who, true)).rejectReason());
            assertEquals(null, probe.stat(ZooKeeperTransport.path(who)), "deleted");
            assertTrue(nettyThreads() > 0, "ZooKeeper's Netty event loop runs the TLS session");

            stores = ((ZkProtocol) zk).tlsStoreDirectory();
            assertNotNull(stores, "the store files ZooKeeper's client reads");
            assertEquals(
                    PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(stores), "owner only");
            try (Stream<Path> files = Files.list(stores)) {
                for (Path file : files.toList()) {
                    assertEquals(
                            PosixFilePermissions.fromString("rw-------"),
                            Files.getPosixFilePermissions(file),
                            file + ": owner only");
                }
            }
            assertTrue(Files.exists(stores.resolve("identity.p12")) && Files.exists(stores.resolve("trust.p12")));
        }
        assertFalse(Files.exists(stores), "the store files are deleted when the transport closes");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (nettyThreads() > 0 && System.nanoTime() - end < 0) {
            Thread.sleep(50);
        }
        assertEquals(0, nettyThreads(), "ZooKeeper's Netty threads stop when the transport closes");
    }

    @Test
    void aPkcs12Identity() throws Exception {
        char[] password = "p12-password".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("heart", clientCert.key(), password, new Certificate[] {clientCert.certificate()});
        Path p12 = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, password);
        }
        TlsConfig tls =
                TlsConfig.builder().trust(ca).identityPkcs12(p12, password).build();
        RegistrantInfo who = RegistrantInfo.of("secure-2", "secure");
        try (RequestProtocol zk = ZooKeeperTransport.builder().tls(tls).build();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            assertFalse(send(zk, Request.beat(who)).reject(), "registered over TLS with a PKCS#12 identity");
            assertNotNull(probe.stat(ZooKeeperTransport.path(who)));
        }
    }

    /** A transport for zks:// ensembles that require a client certificate, with digest credentials. */
    static RequestProtocol secured(Path ca, Path cert, Path key, char[] password) {
        return ZooKeeperTransport.builder()
                .tls(TlsConfig.builder().trust(ca).identity(cert, key).build())
                .credentials(Credentials.of("orders", password))
                .build();
    }

    @Test
    void theDocsExampleSendsDigestCredentialsOverTlsWithoutAnOptIn() throws Exception {
        RegistrantInfo who = RegistrantInfo.of("orders-1", "orders");
        try (RequestProtocol zk =
                        secured(ca, clientCert.certFile(), clientCert.keyFile(), "tls-only-pw".toCharArray());
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            assertFalse(send(zk, Request.beat(who)).reject(), "registered over TLS");
            List<ACL> acl = probe.acl(ZooKeeperTransport.path(who));
            assertTrue(
                    acl.stream()
                            .anyMatch(a -> a.getId().getScheme().equals("digest")
                                    && a.getId().getId().startsWith("orders:")),
                    "created by the digest identity: " + acl);
        }
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
            ZooKeeperTransport.builder() // the JDK's CAs: the test CA is unknown
                    .tls(TlsConfig.builder()
                            .identity(clientCert.certFile(), clientCert.keyFile())
                            .build()),
            ZooKeeperTransport.builder().tls(TlsConfig.builder().trust(ca).build()) // no client certificate
        }) {
            try (RequestProtocol zk = settings.build()) {
                ExecutionException e = assertThrows(
                        ExecutionException.class, () -> send(zk, Request.beat(who), Duration.ofSeconds(3)));
                assertTrue(e.getCause() instanceof TransportException, "fails as a transport error: " + e.getCause());
            }
        }
    }
}
