package dev.heart.transport.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Against a silent server that accepts and never answers: cancelling a send, or closing the
 * transport, aborts the HTTP exchange (the server sees the connection close) and frees the send.
 */
class CancellationTest {
    static final RegistrantInfo WHO = RegistrantInfo.of("quiet", "orders");

    static EtcdClient client() {
        return new EtcdClient(new EtcdSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ZERO, 10, 1));
    }

    @Test
    void cancellingASendAbortsItsExchange() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             EtcdClient client = client()) {
            silent.setSoTimeout(10_000);
            CompletableFuture<Response> future = client.send(new OutgoingRequest(Request.beat(WHO),
                    URI.create("etcd://127.0.0.1:" + silent.getLocalPort())), Duration.ofSeconds(30));
            try (Socket exchange = silent.accept()) {
                assertEquals(1, client.pendingCount());

                assertTrue(future.cancel(true));

                assertClosedByPeer(exchange);
                assertEquals(0, client.pendingCount());
            }
        }
    }

    @Test
    void closingTheTransportFailsPendingSendsAndStopsItsThreads() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            silent.setSoTimeout(10_000);
            EtcdClient client = client();
            CompletableFuture<Response> future = client.send(new OutgoingRequest(Request.beat(WHO),
                    URI.create("etcd://127.0.0.1:" + silent.getLocalPort())), Duration.ofSeconds(30));
            try (Socket exchange = silent.accept()) {
                client.close();

                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> future.get(5, TimeUnit.SECONDS));
                assertInstanceOf(TransportException.class, failure.getCause());
                assertClosedByPeer(exchange);
            }
            ExecutionException closed = assertThrows(ExecutionException.class, () -> client.send(
                    new OutgoingRequest(Request.beat(WHO), URI.create("etcd://127.0.0.1:1")), Duration.ofSeconds(1))
                    .get(5, TimeUnit.SECONDS));
            assertTrue(closed.getCause().getMessage().contains("closed"), closed.getCause().getMessage());
            awaitNoHttpThreads();
        }
    }

    private static void assertClosedByPeer(Socket exchange) throws IOException {
        exchange.setSoTimeout(10_000);
        InputStream in = exchange.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // the request itself; then the end of the stream when the client aborts
            }
        } catch (java.net.SocketException reset) {
            // a reset is an abort too
        }
    }

    private static void awaitNoHttpThreads() {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("heart-etcd-http-") && t.isAlive())) {
            assertTrue(System.nanoTime() - end < 0, "heart-etcd-http threads still alive after close");
            EtcdServer.sleep(Duration.ofMillis(50));
        }
    }
}
