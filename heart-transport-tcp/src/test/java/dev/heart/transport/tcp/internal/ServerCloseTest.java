package dev.heart.transport.tcp.internal;

import static dev.heart.transport.tcp.internal.Fixtures.await;
import static dev.heart.transport.tcp.internal.Fixtures.echo;
import static dev.heart.transport.tcp.internal.Fixtures.echoed;
import static dev.heart.transport.tcp.internal.Fixtures.eventually;
import static dev.heart.transport.tcp.internal.Fixtures.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A graceful close lets requests in flight finish, then frees the port. */
class ServerCloseTest {

    @Test
    void closeFinishesRequestsInFlightAndReleasesThePort() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        TcpRegistryServer server = TcpRegistryServer.start(request -> {
            entered.incrementAndGet();
            TcpTransportTest.awaitQuietly(release);
            return echo().handle(request);
        });
        InetSocketAddress address = server.address();
        try (RequestProtocol client = TcpTransport.create()) {
            CompletableFuture<Response> inFlight = client.send(to(server.uri(), "in-flight"), Fixtures.DEADLINE);
            assertTrue(eventually(() -> entered.get() == 1));
            Thread closer = new Thread(server::close, "test-closer");
            closer.start();
            assertTrue(eventually(() -> !canConnect(address)), "the server stops accepting at once");
            assertFalse(inFlight.isDone(), "the request in flight is still being handled");
            release.countDown();
            assertEquals("in-flight", echoed(await(inFlight)));
            closer.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(closer.isAlive());
        }
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(address);
            assertEquals(address.getPort(), again.getLocalPort(), "the port is free after close");
        }
        server.close(); // idempotent
    }

    private static boolean canConnect(InetSocketAddress address) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
