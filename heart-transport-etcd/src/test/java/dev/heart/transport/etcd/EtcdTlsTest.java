package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdServer;
import dev.heart.transport.etcd.tls.TestCertificates;
import dev.heart.transport.etcd.tls.TestCertificates.Issued;
import dev.heart.transport.etcd.tls.TestCertificates.KeyFormat;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etcds://} against real etcd processes with certificates made by the test: server TLS with
 * a CA bundle, mutual TLS with {@code --client-cert-auth} and client keys in every PEM form, a
 * wrong CA and an expired server certificate each failing with a clear error, and configuration
 * mistakes refused when the transport is built.
 */
@Timeout(120)
class EtcdTlsTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static Issued ca;
    static Issued otherCa;
    static EtcdCluster tls;
    static EtcdCluster mtls;
    static EtcdCluster expired;

    @BeforeAll
    static void startEtcds() {
        ca = TestCertificates.ca(dir, "ca");
        otherCa = TestCertificates.ca(dir, "other-ca");
        Issued server = TestCertificates.server(dir, "server", ca);
        Issued old = TestCertificates.server(
                dir,
                "expired",
                ca,
                Instant.now().minus(Duration.ofDays(3)),
                Instant.now().minus(Duration.ofDays(1)));
        tls = start(List.of(
                "--cert-file",
                server.certFile().toString(),
                "--key-file",
                server.keyFile().toString()));
        mtls = start(List.of(
                "--cert-file",
                server.certFile().toString(),
                "--key-file",
                server.keyFile().toString(),
                "--client-cert-auth",
                "--trusted-ca-file",
                ca.certFile().toString()));
        expired = start(List.of(
                "--cert-file",
                old.certFile().toString(),
                "--key-file",
                old.keyFile().toString()));
    }

    static EtcdCluster start(List<String> flags) {
        EtcdCluster cluster = EtcdCluster.prepare(1);
        EtcdServer member = cluster.member(0);
        member.configure(flags, true);
        cluster.startAll();
        return cluster;
    }

    @AfterAll
    static void stopEtcds() {
        for (EtcdCluster cluster : new EtcdCluster[] {tls, mtls, expired}) {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    static Response beat(RequestProtocol protocol, URI target, String id) throws Exception {
        RegistrantInfo who = new RegistrantInfo(id, "tls", Map.of(EtcdTransport.TTL_ATTRIBUTE, "10"));
        return protocol.send(new OutgoingRequest(Request.beat(who), target), Duration.ofSeconds(10))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static String failure(RequestProtocol protocol, URI target) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> beat(protocol, target, "refused"));
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failed.getCause(); cause != null; cause = cause.getCause()) {
            all.append(cause).append(" | ");
        }
        return all.toString();
    }

    @Test
    void registersOverTlsWithTheCaBundleAndCandidatesAreEtcds() throws Exception {
        try (RequestProtocol protocol = EtcdTransport.builder()
                .tls(TlsConfig.builder().trust(ca.certFile()).build())
                .build()) {
            URI target = tls.member(0).secureTarget();
            Response first = beat(protocol, target, "one");
            assertFalse(first.reject(), first.toString());
            Response again = beat(protocol, target, "one");
            assertFalse(again.reject(), "the keepalive over TLS: " + again);
            assertTrue(first.registry().address().getScheme().equals("etcds"));
        }
    }

    @Test
    void aWrongCaFailsWithACertificateError() {
        try (RequestProtocol protocol = EtcdTransport.builder()
                .tls(TlsConfig.builder().trust(otherCa.certFile()).build())
                .build()) {
            String why = failure(protocol, tls.member(0).secureTarget());
            assertTrue(
                    why.contains("UNAVAILABLE") && (why.contains("PKIX") || why.contains("certification path")),
                    "a certificate error expected: " + why);
        }
    }

    @Test
    void anExpiredServerCertificateFailsSayingSo() {
        try (RequestProtocol protocol = EtcdTransport.builder()
                .tls(TlsConfig.builder().trust(ca.certFile()).build())
                .build()) {
            String why = failure(protocol, expired.member(0).secureTarget());
            assertTrue(
                    why.contains("expired") || why.contains("validity check failed") || why.contains("NotAfter"),
                    "an expiry error expected: " + why);
        }
    }

    @Test
    void mutualTlsWithClientKeysInEveryPemForm() throws Exception {
        URI target = mtls.member(0).secureTarget();
        try (RequestProtocol anonymous = EtcdTransport.builder()
                .tls(TlsConfig.builder().trust(ca.certFile()).build())
                .build()) {
            failure(anonymous, target); // no client certificate: the handshake or the call is refused
        }
        Issued[] clients = {
            TestCertificates.client(dir, "heart", ca, false, KeyFormat.TRADITIONAL), // PKCS#1
            TestCertificates.client(dir, "heart", ca, false, KeyFormat.PKCS8),
            TestCertificates.client(dir, "heart", ca, true, KeyFormat.TRADITIONAL), // SEC1
            TestCertificates.client(dir, "heart", ca, true, KeyFormat.PKCS8),
        };
        for (Issued client : clients) {
            String header =
                    Files.readString(client.keyFile()).lines().findFirst().orElse("");
            try (RequestProtocol protocol = EtcdTransport.builder()
                    .tls(TlsConfig.builder()
                            .trust(ca.certFile())
                            .identity(client.certFile(), client.keyFile())
                            .build())
                    .build()) {
                Response response =
                        beat(protocol, target, "mtls-" + client.keyFile().getFileName());
                assertFalse(response.reject(), header + ": " + response);
            }
        }
    }

    @Test
    void configurationMistakesAreRefusedWhenBuiltNamingTheSetting() throws Exception {
        Issued one = TestCertificates.client(dir, "one", ca, false, KeyFormat.PKCS8);
        Issued two = TestCertificates.client(dir, "two", ca, true, KeyFormat.TRADITIONAL);
        HeartException mismatch = assertThrows(
                HeartException.class,
                () -> TlsConfig.builder()
                        .identity(one.certFile(), two.keyFile())
                        .build());
        assertTrue(
                mismatch.getMessage().contains("identity privateKey does not match identity certificateChain"),
                mismatch.getMessage());

        HeartException unreadable = assertThrows(
                HeartException.class,
                () -> TlsConfig.builder().trust(dir.resolve("no-such-ca.pem")).build());
        assertTrue(unreadable.getMessage().startsWith("trust: cannot read"), unreadable.getMessage());

        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        HeartException garbage = assertThrows(
                HeartException.class, () -> TlsConfig.builder().trust(notPem).build());
        assertTrue(
                garbage.getMessage().contains("trust") && garbage.getMessage().contains("not a PEM file"),
                garbage.getMessage());

        HeartException certAsKey = assertThrows(
                HeartException.class,
                () -> TlsConfig.builder()
                        .identity(one.certFile(), one.certFile())
                        .build());
        assertTrue(
                certAsKey.getMessage().contains("privateKey")
                        && certAsKey.getMessage().contains("no PEM private key"),
                certAsKey.getMessage());

        EtcdConfigException noNameCheck = assertThrows(
                EtcdConfigException.class,
                () -> EtcdTransport.builder()
                        .tls(TlsConfig.builder().verifyServerName(false).build())
                        .build());
        assertTrue(noNameCheck.getMessage().contains("verifyServerName(false)"), noNameCheck.getMessage());
    }
}
