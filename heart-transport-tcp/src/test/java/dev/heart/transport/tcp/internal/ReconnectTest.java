package dev.heart.transport.tcp.internal;

import static dev.heart.transport.tcp.internal.Fixtures.await;
import static dev.heart.transport.tcp.internal.Fixtures.echo;
import static dev.heart.transport.tcp.internal.Fixtures.echoed;
import static dev.heart.transport.tcp.internal.Fixtures.failure;
import static dev.heart.transport.tcp.internal.Fixtures.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReconnectTest {

    @Test
    void clientReconnectsWhenTheServerRestartsOnTheSamePort() throws Exception {
        TcpRegistryServer first = TcpRegistryServer.start(echo());
        InetSocketAddress address = first.address();
        URI target = first.uri();
        try (TcpClient client = (TcpClient) TcpTransport.builder()
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .build()) {
            assertEquals("before", echoed(await(client.send(to(target, "before"), Fixtures.DEADLINE))));

            first.close();
            int failures = sendUntil(client, target, false);
            assertTrue(failures > 0, "requests fail while the server is down");

            try (TcpRegistryServer second =
                    TcpRegistryServer.builder(echo()).bind(address).start()) {
                assertEquals(address.getPort(), second.address().getPort());
                sendUntil(client, target, true);
                assertEquals("after", echoed(await(client.send(to(target, "after"), Fixtures.DEADLINE))));
                assertEquals(1, second.connectionCount());
            }
        }
    }

    /**
     * Sends one request at a time, for at most 10 s, until one succeeds (or fails); returns the
     * number of failures seen.
     */
    private static int sendUntil(TcpClient client, URI target, boolean success) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int failures = 0;
        while (System.nanoTime() - end < 0) {
            CompletableFuture<Response> future = client.send(to(target, "flow"), Fixtures.DEADLINE);
            try {
                future.get(10, TimeUnit.SECONDS);
                if (success) {
                    return failures;
                }
            } catch (ExecutionException e) {
                assertTrue(
                        e.getCause() instanceof TransportException, e.getCause().toString());
                failures++;
                if (!success) {
                    return failures;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + (success ? "success" : "failure") + " within 10 s");
    }

    @Test
    void aBrokenConnectionFailsEveryPendingRequestAtOnceThenReconnects() throws Exception {
        try (RawPeers.Silent silent = RawPeers.silent();
                TcpClient client = (TcpClient) TcpTransport.create()) {
            List<CompletableFuture<Response>> pending = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                pending.add(client.send(to(silent.uri(), "h" + i), Fixtures.DEADLINE));
            }
            assertTrue(silent.awaitAccepted());
            assertTrue(Fixtures.eventually(() -> client.pendingCount(silent.uri()) == 100));
            silent.dropConnections();
            for (CompletableFuture<Response> future : pending) {
                TransportException e = failure(future);
                assertTrue(e.getMessage().contains("connection broke"), e.getMessage());
                assertTrue(e.getMessage().contains("every request pending on it failed"), e.getMessage());
            }
            assertEquals(0, client.pendingCount(silent.uri()));
            CompletableFuture<Response> again = client.send(to(silent.uri(), "again"), Fixtures.DEADLINE);
            assertTrue(
                    Fixtures.eventually(() -> client.pendingCount(silent.uri()) == 1 && !again.isDone()),
                    "a new request reconnects instead of failing");
            again.cancel(false);
        }
    }
}
