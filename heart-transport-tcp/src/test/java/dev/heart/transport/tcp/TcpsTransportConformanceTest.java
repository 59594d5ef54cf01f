package dev.heart.transport.tcp;

import dev.heart.api.RegistryHandler;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.testkit.conformance.TransportConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tcp transport over TLS ({@code tcps://}) against the testkit's transport conformance suite. */
class TcpsTransportConformanceTest extends TransportConformance {
    private static final TlsConfig SERVER;
    private static final TlsConfig CLIENT;

    static {
        try {
            Path dir = Files.createTempDirectory("heart-tcps-conformance");
            dir.toFile().deleteOnExit();
            TestCertificates.Identity ca = TestCertificates.ca("conformance CA");
            Path[] server = TestCertificates.server(ca, false, null).writePem(dir, "server");
            Path caPem = ca.writeCertificatePem(dir, "ca");
            SERVER = TlsConfig.builder().identity(server[0], server[1]).build();
            CLIENT = TlsConfig.builder().trust(caPem).build();
            for (Path file : new Path[] {server[0], server[1], caPem}) {
                file.toFile().deleteOnExit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    @Override
    protected RegistryEndpoint startRegistry(RegistryHandler handler) {
        TcpRegistryServer server =
                TcpRegistryServer.builder(handler).tls(SERVER).start();
        return new RegistryEndpoint() {
            @Override
            public URI uri() {
                return server.uri();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    @Override
    protected RequestProtocol createProtocol() {
        return TcpTransport.builder().tls(CLIENT).build();
    }

    @Override
    protected URI unreachableTarget() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("tcps://127.0.0.1:" + socket.getLocalPort()); // closed again at once
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    @Override
    protected int attributeLimitBytes() {
        return 512 * 1024;
    }

    @Override
    protected String threadNamePrefix() {
        return "heart-tcp-client-";
    }
}
