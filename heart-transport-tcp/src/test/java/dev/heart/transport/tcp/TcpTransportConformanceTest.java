package dev.heart.transport.tcp;

import dev.heart.api.RegistryHandler;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.testkit.conformance.TransportConformance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** The tcp transport against the testkit's transport conformance suite, over loopback. */
class TcpTransportConformanceTest extends TransportConformance {

    @Override
    protected RegistryEndpoint startRegistry(RegistryHandler handler) {
        TcpRegistryServer server = TcpRegistryServer.start(handler);
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
        return TcpTransport.create();
    }

    @Override
    protected URI unreachableTarget() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("tcp://127.0.0.1:" + socket.getLocalPort()); // closed again at once
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /** Half the default 1 MiB frame: documented in docs/wire-protocol.md as always fitting. */
    @Override
    protected int attributeLimitBytes() {
        return 512 * 1024;
    }

    @Override
    protected String threadNamePrefix() {
        return "heart-tcp-client-";
    }
}
