package dev.heart.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS end to end over loopback with certificates made by the test: TLS 1.3 and 1.2, PEM and
 * PKCS#12, mutual TLS, a certificate reload without restart, and every handshake failure ending
 * the attempt with a {@link TransportException} that names its cause, within the connect timeout.
 */
class TlsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final char[] PASSWORD = "changeit".toCharArray();
    /** Bounds of the handshake on both sides, far above any stall of a busy machine. */
    private static final Duration PATIENT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static TestCertificates.Identity ca;
    private static Path caPem;
    private static Path[] serverPem;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.ca("heart test CA");
        caPem = ca.writeCertificatePem(dir, "ca");
        serverPem = TestCertificates.server(ca, false, null).writePem(dir, "server");
    }

    private static RegistryHandler echo() {
        return request -> Response.accept(
                new RegistryInfo(
                        "reg",
                        "svc",
                        URI.create("tcps://127.0.0.1:1"),
                        List.of(),
                        Map.of("echo", request.registrant().id())),
                Duration.ofSeconds(30));
    }

    private static RequestProtocol client(TlsConfig config) {
        return TcpTransport.builder().connectTimeout(PATIENT).tls(config).build();
    }

    private static TcpRegistryServer server(TlsConfig config) {
        return TcpRegistryServer.builder(echo())
                .firstFrameTimeout(PATIENT)
                .tls(config)
                .start();
    }

    private static TlsConfig serverTls() {
        return TlsConfig.builder().identity(serverPem[0], serverPem[1]).build();
    }

    private static TlsConfig trustingOurCa() {
        return TlsConfig.builder().trust(caPem).build();
    }

    private static String beat(RequestProtocol client, URI target, String id) throws Exception {
        Response response = client.send(
                        new OutgoingRequest(Request.beat(RegistrantInfo.of(id, "svc")), target), DEADLINE)
                .get(20, TimeUnit.SECONDS);
        return response.registry().attributes().get("echo");
    }

    private static TransportException failure(RequestProtocol client, URI target) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> beat(client, target, "x"));
        assertTrue(e.getCause() instanceof TransportException, () -> "a TransportException, got " + e.getCause());
        return (TransportException) e.getCause();
    }

    @Test
    void tls13AndTls12WithPemMaterial() throws Exception {
        try (TcpRegistryServer server = server(serverTls())) {
            assertEquals("tcps", server.uri().getScheme());
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                try (RequestProtocol client = client(
                        TlsConfig.builder().trust(caPem).protocols(protocol).build())) {
                    assertEquals("a-" + protocol, beat(client, server.uri(), "a-" + protocol));
                    assertEquals("again", beat(client, server.uri(), "again"));
                }
            }
        }
    }

    @Test
    void pkcs12IdentityAndTrustStore() throws Exception {
        Path p12 = TestCertificates.server(ca, false, null).writePkcs12(dir, "server-p12", PASSWORD);
        Path trustStore = ca.writeTrustStore(dir, "trust", PASSWORD);
        try (TcpRegistryServer server =
                        server(TlsConfig.builder().identityPkcs12(p12, PASSWORD).build());
                RequestProtocol client = client(
                        TlsConfig.builder().trustPkcs12(trustStore, PASSWORD).build())) {
            assertEquals("p12", beat(client, server.uri(), "p12"));
        }
    }

    @Test
    void clientAuthenticationWithoutExplicitTrustIsRefusedAtBuild() {
        for (TlsConfig.ClientAuth mode :
                new TlsConfig.ClientAuth[] {TlsConfig.ClientAuth.REQUIRED, TlsConfig.ClientAuth.OPTIONAL}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> TlsConfig.builder()
                            .identity(serverPem[0], serverPem[1])
                            .clientAuth(mode)
                            .build());
            assertTrue(e.getMessage().contains("clientAuth " + mode + " needs explicit trust"), e.getMessage());
        }
        TlsConfig.builder().identity(serverPem[0], serverPem[1]).build(); // no client authentication: default trust
    }

    @Test
    void mutualTlsServesAClientWithACertificateAndRefusesOneWithout() throws Exception {
        Path[] clientPem = TestCertificates.client(ca, "orders-client").writePem(dir, "client");
        TlsConfig mutual = TlsConfig.builder()
                .identity(serverPem[0], serverPem[1])
                .trust(caPem)
                .clientAuth(TlsConfig.ClientAuth.REQUIRED)
                .build();
        try (TcpRegistryServer server = server(mutual)) {
            try (RequestProtocol client = client(TlsConfig.builder()
                    .trust(caPem)
                    .identity(clientPem[0], clientPem[1])
                    .build())) {
                assertEquals("with-cert", beat(client, server.uri(), "with-cert"));
            }
            try (RequestProtocol client = client(trustingOurCa())) {
                TransportException e = failure(client, server.uri());
                // TLS 1.3: the client's side of the handshake is done before the server checks its certificate
                assertTrue(
                        e.getMessage().contains("TLS failed: the registry refused our client certificate")
                                || e.getMessage()
                                        .contains("TLS handshake failed: the registry refused our client certificate"),
                        e.getMessage());
            }
        }
    }

    @Test
    void aCertificatePolicyTiesACertificatesNameToItsServiceTypesAndIds() throws Exception {
        Path[] ordersPem = TestCertificates.client(ca, "orders-app").writePem(dir, "orders-app");
        TlsConfig mutual = TlsConfig.builder()
                .identity(serverPem[0], serverPem[1])
                .trust(caPem)
                .clientAuth(TlsConfig.ClientAuth.REQUIRED)
                .build();
        CertificatePolicy policy = CertificatePolicy.of(List.of("orders-app=orders/orders-*", "someone-else=*"));
        try (TcpRegistryServer server = TcpRegistryServer.builder(echo())
                        .firstFrameTimeout(PATIENT)
                        .tls(mutual)
                        .authorizer(policy)
                        .start();
                RequestProtocol client = client(TlsConfig.builder()
                        .trust(caPem)
                        .identity(ordersPem[0], ordersPem[1])
                        .build())) {
            assertEquals("orders-7", beat(client, server.uri(), RegistrantInfo.of("orders-7", "orders")));
            for (RegistrantInfo squatted :
                    List.of(RegistrantInfo.of("pay-1", "payments"), RegistrantInfo.of("billing-1", "orders"))) {
                ExecutionException refused =
                        assertThrows(ExecutionException.class, () -> beat(client, server.uri(), squatted));
                assertTrue(
                        refused.getCause().getMessage().contains("FORBIDDEN"),
                        refused.getCause().getMessage());
            }
        }
        assertEquals(List.of("a,b", "c"), CertificatePolicy.commonNames("CN=a\\,b+CN=c,O=x"));
        for (String bad : new String[] {"orders", "=orders", "a=", "a=s/x*y"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> CertificatePolicy.of(List.of(bad)));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    private static String beat(RequestProtocol client, URI target, RegistrantInfo registrant) throws Exception {
        return client.send(new OutgoingRequest(Request.beat(registrant), target), DEADLINE)
                .get(20, TimeUnit.SECONDS)
                .registry()
                .attributes()
                .get("echo");
    }

    @Test
    void anAuthorizerMapsTheClientCertificateToTheRegistrantsItMaySendFor() throws Exception {
        Path[] ordersPem = TestCertificates.client(ca, "orders").writePem(dir, "orders-client");
        TlsConfig mutual = TlsConfig.builder()
                .identity(serverPem[0], serverPem[1])
                .trust(caPem)
                .clientAuth(TlsConfig.ClientAuth.REQUIRED)
                .build();
        ClientAuthorizer byCommonName = (client, registrant) ->
                client != null && client.getSubjectX500Principal().getName().equals("CN=" + registrant.serviceType());
        try (TcpRegistryServer server = TcpRegistryServer.builder(echo())
                        .firstFrameTimeout(PATIENT)
                        .tls(mutual)
                        .authorizer(byCommonName)
                        .start();
                RequestProtocol client = client(TlsConfig.builder()
                        .trust(caPem)
                        .identity(ordersPem[0], ordersPem[1])
                        .build())) {
            Response allowed = client.send(
                            new OutgoingRequest(Request.beat(RegistrantInfo.of("orders-7", "orders")), server.uri()),
                            DEADLINE)
                    .get(20, TimeUnit.SECONDS);
            assertEquals("orders-7", allowed.registry().attributes().get("echo"));
            ExecutionException refused = assertThrows(
                    ExecutionException.class,
                    () -> client.send(
                                    new OutgoingRequest(
                                            Request.beat(RegistrantInfo.of("pay-1", "payments")), server.uri()),
                                    DEADLINE)
                            .get(20, TimeUnit.SECONDS));
            assertTrue(
                    refused.getCause()
                            .getMessage()
                            .contains("FORBIDDEN: client CN=orders may not send for " + "payments/pay-1"),
                    refused.getCause().getMessage());
            Response after = client.send(
                            new OutgoingRequest(Request.beat(RegistrantInfo.of("orders-8", "orders")), server.uri()),
                            DEADLINE)
                    .get(20, TimeUnit.SECONDS);
            assertEquals("orders-8", after.registry().attributes().get("echo"), "the connection stays open");
        }
    }

    @Test
    void aServerCertificateOfAnotherCaIsNotTrusted() throws Exception {
        Path otherCa = TestCertificates.ca("another CA").writeCertificatePem(dir, "other-ca");
        try (TcpRegistryServer server = server(serverTls());
                RequestProtocol client =
                        client(TlsConfig.builder().trust(otherCa).build())) {
            TransportException e = failure(client, server.uri());
            assertTrue(
                    e.getMessage()
                            .contains("TLS handshake failed: the registry's certificate is not signed by a"
                                    + " trusted CA"),
                    e.getMessage());
        }
    }

    @Test
    void anExpiredServerCertificateIsRefused() throws Exception {
        Path[] expired = TestCertificates.server(ca, true, null).writePem(dir, "expired");
        try (TcpRegistryServer server = server(
                        TlsConfig.builder().identity(expired[0], expired[1]).build());
                RequestProtocol client = client(trustingOurCa())) {
            TransportException e = failure(client, server.uri());
            assertTrue(
                    e.getMessage().contains("TLS handshake failed: the registry's certificate has expired")
                            || e.getMessage().contains("outside its validity period"),
                    e.getMessage());
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedByServerNameVerification() throws Exception {
        Path[] otherHost =
                TestCertificates.server(ca, false, "registry.example.org").writePem(dir, "other-host");
        try (TcpRegistryServer server =
                server(TlsConfig.builder().identity(otherHost[0], otherHost[1]).build())) {
            try (RequestProtocol client = client(trustingOurCa())) {
                TransportException e = failure(client, server.uri());
                assertTrue(e.getMessage().contains("does not name the host"), e.getMessage());
            }
            try (RequestProtocol client = client(
                    TlsConfig.builder().trust(caPem).verifyServerName(false).build())) {
                assertEquals("unverified", beat(client, server.uri(), "unverified"));
            }
        }
    }

    @Test
    void plaintextToATlsPortIsToldToUseTcps() throws Exception {
        try (TcpRegistryServer server = server(serverTls());
                RequestProtocol client =
                        TcpTransport.builder().connectTimeout(PATIENT).build()) {
            URI plain = URI.create("tcp://127.0.0.1:" + server.address().getPort());
            TransportException e = failure(client, plain);
            assertTrue(e.getMessage().contains("this port speaks TLS"), e.getMessage());
            assertTrue(e.getMessage().contains("tcps://"), e.getMessage());
        }
    }

    @Test
    void tlsToAPlaintextPortIsToldToUseTcp() throws Exception {
        try (TcpRegistryServer server = TcpRegistryServer.builder(echo())
                        .firstFrameTimeout(PATIENT)
                        .start();
                RequestProtocol client = client(trustingOurCa())) {
            URI tls = URI.create("tcps://127.0.0.1:" + server.address().getPort());
            TransportException e = failure(client, tls);
            assertTrue(
                    e.getMessage().contains("TLS handshake failed: the registry speaks plaintext: use tcp://"),
                    e.getMessage());
        }
    }

    @Test
    void aHandshakeWithASilentPeerEndsAtTheConnectTimeout() throws Exception {
        ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        try (RequestProtocol client = TcpTransport.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .tls(trustingOurCa())
                .build()) {
            Thread acceptor = new Thread(
                    () -> {
                        try (Socket accepted = silent.accept()) {
                            accepted.getInputStream().readAllBytes(); // never answers
                        } catch (IOException closed) {
                            // the test is over
                        }
                    },
                    "test-silent-acceptor");
            acceptor.start();
            TransportException e = failure(client, URI.create("tcps://127.0.0.1:" + silent.getLocalPort()));
            assertTrue(e.getMessage().contains("timed out after 2000 ms"), e.getMessage());
            silent.close();
            acceptor.join(10_000);
        } finally {
            silent.close();
        }
    }

    @Test
    void theServerReloadsItsCertificateWithoutARestart() throws Exception {
        Path certificate = dir.resolve("reloaded.crt");
        Path key = dir.resolve("reloaded.key");
        Files.copy(serverPem[0], certificate, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(serverPem[1], key, StandardCopyOption.REPLACE_EXISTING);
        TestCertificates.Identity newCa = TestCertificates.ca("renewed CA");
        Path newCaPem = newCa.writeCertificatePem(dir, "renewed-ca");
        try (TcpRegistryServer server =
                server(TlsConfig.builder().identity(certificate, key).build())) {
            try (RequestProtocol old = client(trustingOurCa())) {
                assertEquals("before", beat(old, server.uri(), "before"));
            }
            Path[] renewed = TestCertificates.server(newCa, false, null).writePem(dir, "renewed");
            Files.copy(renewed[0], certificate, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed[1], key, StandardCopyOption.REPLACE_EXISTING);
            server.reloadTls();
            try (RequestProtocol fresh =
                    client(TlsConfig.builder().trust(newCaPem).build())) {
                assertEquals("after", beat(fresh, server.uri(), "after"));
            }
            try (RequestProtocol old = client(trustingOurCa())) {
                assertTrue(failure(old, server.uri()).getMessage().contains("not signed by a trusted CA"));
            }
        }
    }

    @Test
    void aReloadedKeyThatIsNotTheCertificatesIsRefusedAndTheOldPairServesOn() throws Exception {
        Path certificate = dir.resolve("mismatch.crt");
        Path key = dir.resolve("mismatch.key");
        Files.copy(serverPem[0], certificate, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(serverPem[1], key, StandardCopyOption.REPLACE_EXISTING);
        try (TcpRegistryServer server =
                        server(TlsConfig.builder().identity(certificate, key).build());
                RequestProtocol client = client(trustingOurCa())) {
            assertEquals("before", beat(client, server.uri(), "before"));
            Path[] other = TestCertificates.server(ca, false, null).writePem(dir, "other");
            Files.copy(other[1], key, StandardCopyOption.REPLACE_EXISTING); // a new key, the old certificate
            HeartException e = assertThrows(HeartException.class, server::reloadTls);
            assertTrue(
                    e.getMessage().contains("identity privateKey does not match identity certificateChain"),
                    e.getMessage());
            try (RequestProtocol fresh = client(trustingOurCa())) {
                assertEquals("after", beat(fresh, server.uri(), "after"), "the old pair serves on");
            }
        }
        HeartException atBuild = assertThrows(
                HeartException.class,
                () -> TlsConfig.builder().identity(certificate, key).build());
        assertTrue(atBuild.getMessage().contains("identity privateKey does not match"), atBuild.getMessage());
    }

    @Test
    void ed25519AndRsassaPssKeysServeTls13() throws Exception {
        for (String algorithm : new String[] {"Ed25519", "RSASSA-PSS"}) {
            Path[] pem = TestCertificates.server(ca, algorithm).writePem(dir, "server-" + algorithm);
            try (TcpRegistryServer server =
                            server(TlsConfig.builder().identity(pem[0], pem[1]).build());
                    RequestProtocol client = client(TlsConfig.builder()
                            .trust(caPem)
                            .protocols("TLSv1.3")
                            .build())) {
                assertEquals(algorithm, beat(client, server.uri(), algorithm));
            }
        }
    }

    @Test
    void pemFilesWithUtf8CommentsAreRead() throws Exception {
        Path commented = dir.resolve("commented.crt");
        Files.writeString(
                commented,
                "# Zertifikat für die Prüfung – ÄÖÜ\n" + Files.readString(serverPem[0]) + "\n# Ende ✓\n",
                java.nio.charset.StandardCharsets.UTF_8);
        Path commentedKey = dir.resolve("commented.key");
        Files.writeString(
                commentedKey,
                "# Schlüssel\n" + Files.readString(serverPem[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        try (TcpRegistryServer server = server(
                        TlsConfig.builder().identity(commented, commentedKey).build());
                RequestProtocol client = client(trustingOurCa())) {
            assertEquals("utf-8", beat(client, server.uri(), "utf-8"));
        }
    }

    @Test
    void badKeyMaterialFailsAtBuildNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.crt");
        HeartException e = assertThrows(
                HeartException.class,
                () -> TlsConfig.builder().identity(missing, serverPem[1]).build());
        assertTrue(e.getMessage().contains("missing.crt"), e.getMessage());
        Path notAKey = dir.resolve("not-a-key.pem");
        Files.writeString(notAKey, "hello");
        HeartException key = assertThrows(
                HeartException.class,
                () -> TlsConfig.builder().identity(serverPem[0], notAKey).build());
        assertTrue(
                key.getMessage().contains("not-a-key.pem") && key.getMessage().contains("not a PEM file"),
                key.getMessage());
        Path otherKey = TestCertificates.server(TestCertificates.ca("other"), false, "localhost")
                .writePem(dir, "other")[1];
        HeartException mismatch = assertThrows(
                HeartException.class,
                () -> TlsConfig.builder().identity(serverPem[0], otherKey).build());
        assertTrue(
                mismatch.getMessage().contains("does not match"),
                "a reloaded or new key is checked against its " + "certificate: " + mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> server(trustingOurCa()));
        assertThrows(IllegalArgumentException.class, () -> TlsConfig.builder().protocols("SSLv3"));
    }
}
