package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Slots cannot be held (issue 23, finding 8): peers from several addresses that sent one frame each
 * and then stay quiet fill every slot; a newcomer still gets in, evicting the connection idle
 * longest; IPv6 peers count per /64.
 */
class SlotHoldingTest {
    private static final long TEN_SECONDS = 10_000_000_000L;

    @Test
    void connectionsThatSentOneFrameAndStayQuietCannotHoldEverySlot() throws Exception {
        List<Socket> holders = new ArrayList<>();
        try (TcpRegistryServer server = TcpRegistryServer.builder(Fixtures.echo())
                .maxConnections(8)
                .maxConnectionsPerPeer(2)
                .firstFrameTimeout(Duration.ofMinutes(1))
                .start()) {
            for (int i = 0; i < 8; i++) { // 127.0.0.2 .. 127.0.0.5, two each: every slot
                Socket socket = new Socket(
                        server.address().getAddress(),
                        server.address().getPort(),
                        InetAddress.getByName("127.0.0." + (2 + i / 2)),
                        0);
                socket.setSoTimeout(10_000);
                holders.add(socket);
                socket.getOutputStream()
                        .write(CodecTest.encodeRequest(1, Fixtures.beat("holder-" + i), TEN_SECONDS)
                                .array());
                assertTrue(HostileInputTest.readFrame(new FrameDecoder(4096, 64), socket.getInputStream()));
            }
            assertTrue(Fixtures.eventually(() -> server.connectionCount() == 8));
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(ConnectionSlots.MIN_IDLE_TO_EVICT_NANOS) + 500);
            try (Socket newcomer = new Socket(
                    server.address().getAddress(), server.address().getPort(), InetAddress.getByName("127.0.0.9"), 0)) {
                newcomer.setSoTimeout(10_000);
                newcomer.getOutputStream()
                        .write(CodecTest.encodeRequest(1, Fixtures.beat("newcomer"), TEN_SECONDS)
                                .array());
                FrameDecoder decoder = new FrameDecoder(4096, 64);
                assertTrue(HostileInputTest.readFrame(decoder, newcomer.getInputStream()), "the newcomer is answered");
                assertEquals(Wire.KIND_RESPONSE, decoder.kind(), "not refused");
                assertEquals("newcomer", Fixtures.echoed(Codec.readResponse(decoder.payload())));
            }
            String error = HostileInputTest.readError(holders.get(0).getInputStream());
            assertTrue(
                    error.startsWith("RESOURCE_EXHAUSTED: evicted for a newcomer") && error.contains("idle longest"),
                    "the connection idle longest (the first holder) made room: " + error);
        } finally {
            for (Socket socket : holders) {
                socket.close();
            }
        }
    }

    @Test
    void anActiveConnectionIsNotEvicted() throws Exception {
        try (TcpRegistryServer server = TcpRegistryServer.builder(Fixtures.echo())
                        .maxConnections(1)
                        .firstFrameTimeout(Duration.ofMinutes(1))
                        .start();
                Socket active = new Socket(
                        server.address().getAddress(), server.address().getPort())) {
            active.setSoTimeout(10_000);
            active.getOutputStream()
                    .write(CodecTest.encodeRequest(1, Fixtures.beat("a"), TEN_SECONDS)
                            .array());
            assertTrue(HostileInputTest.readFrame(new FrameDecoder(4096, 64), active.getInputStream()));
            try (Socket newcomer =
                    new Socket(server.address().getAddress(), server.address().getPort())) {
                newcomer.setSoTimeout(10_000);
                String error = HostileInputTest.readError(newcomer.getInputStream());
                assertTrue(error.startsWith("RESOURCE_EXHAUSTED: connection refused"), error);
            }
        }
    }

    @Test
    void ipv6PeersCountPerSlash64AndIpv4PerAddress() throws IOException {
        InetAddress a = ConnectionSlots.peerOf(InetAddress.getByName("2001:db8:1:2::1"));
        InetAddress b = ConnectionSlots.peerOf(InetAddress.getByName("2001:db8:1:2:ffff:eeee:dddd:cccc"));
        InetAddress other = ConnectionSlots.peerOf(InetAddress.getByName("2001:db8:1:3::1"));
        assertEquals(a, b, "one /64, one peer");
        assertNotEquals(a, other);
        assertEquals(InetAddress.getByName("2001:db8:1:2::"), a);
        assertEquals(InetAddress.getByName("127.0.0.2"), ConnectionSlots.peerOf(InetAddress.getByName("127.0.0.2")));
        assertNotEquals(
                ConnectionSlots.peerOf(InetAddress.getByName("127.0.0.2")),
                ConnectionSlots.peerOf(InetAddress.getByName("127.0.0.3")));
    }

    @Test
    void underMutualTlsConnectionsCountPerClientCertificate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.heart.transport.tcp.TestCertificates.Identity ca = dev.heart.transport.tcp.TestCertificates.ca("slots CA");
        java.nio.file.Path[] serverPem =
                dev.heart.transport.tcp.TestCertificates.server(ca, false, null).writePem(dir, "server");
        javax.net.ssl.SSLContext holder =
                HostileTlsPeer.context(ca, dev.heart.transport.tcp.TestCertificates.client(ca, "holder"));
        dev.heart.api.security.TlsConfig tls = dev.heart.api.security.TlsConfig.builder()
                .identity(serverPem[0], serverPem[1])
                .trust(ca.writeCertificatePem(dir, "ca"))
                .clientAuth(dev.heart.api.security.TlsConfig.ClientAuth.REQUIRED)
                .build();
        try (TcpRegistryServer server = TcpRegistryServer.builder(Fixtures.echo())
                        .tls(tls)
                        .maxConnectionsPerPeer(2)
                        .firstFrameTimeout(Duration.ofMinutes(1))
                        .start();
                HostileTlsPeer first = HostileTlsPeer.connect(
                        server.address(), holder, "TLSv1.3", InetAddress.getByName("127.0.0.2"));
                HostileTlsPeer second = HostileTlsPeer.connect(
                        server.address(), holder, "TLSv1.3", InetAddress.getByName("127.0.0.3"))) {
            assertTrue(first.offerBeat("a", "svc") && second.offerBeat("b", "svc"));
            assertTrue(Fixtures.eventually(() -> server.connectionCount() == 2));
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(ConnectionSlots.MIN_IDLE_TO_EVICT_NANOS) + 500);
            try (HostileTlsPeer third =
                    HostileTlsPeer.connect(server.address(), holder, "TLSv1.3", InetAddress.getByName("127.0.0.4"))) {
                assertTrue(third.offerBeat("c", "svc"));
                boolean evicted = false;
                for (int i = 0; i < 100 && !evicted; i++) {
                    evicted = first.closedByPeerWithin(Duration.ofMillis(50))
                            || second.closedByPeerWithin(Duration.ofMillis(50));
                }
                assertTrue(
                        evicted,
                        "one of the certificate's idle connections is evicted: one certificate, at most"
                                + " 2 connections");
                third.offerBeat("c2", "svc");
                assertTrue(!third.closedByPeerWithin(Duration.ofMillis(500)), "the newcomer is served");
                assertTrue(
                        Fixtures.eventually(() -> server.connectionCount() == 2),
                        "connections: " + server.connectionCount());
            }
        }
    }
}
