package dev.heart.transport.tcp.internal;

import static dev.heart.transport.tcp.internal.Fixtures.await;
import static dev.heart.transport.tcp.internal.Fixtures.echo;
import static dev.heart.transport.tcp.internal.Fixtures.echoed;
import static dev.heart.transport.tcp.internal.Fixtures.eventually;
import static dev.heart.transport.tcp.internal.Fixtures.failure;
import static dev.heart.transport.tcp.internal.Fixtures.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpTransportTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    private TcpClient client() {
        return closing((TcpClient) TcpTransport.builder()
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .build());
    }

    @Test
    void thousandConcurrentRequestsOnOneConnectionGetTheirOwnAnswers() throws Exception {
        TcpRegistryServer server = closing(TcpRegistryServer.start(echo()));
        TcpClient client = client();
        List<CompletableFuture<Response>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(client.send(to(server.uri(), "heart-" + i), Fixtures.DEADLINE));
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals("heart-" + i, echoed(await(futures.get(i))));
        }
        assertEquals(1, server.connectionCount(), "all requests shared one connection");
        assertEquals(0, client.pendingCount(server.uri()));
    }

    @Test
    void manyThreadsSendingOneAtATimeEachGetTheirOwnAnswers() throws Exception {
        TcpRegistryServer server = closing(TcpRegistryServer.start(echo()));
        TcpClient client = client();
        List<CompletableFuture<Integer>> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String prefix = "t" + t + "-";
            CompletableFuture<Integer> done = new CompletableFuture<>();
            threads.add(done);
            new Thread(
                            () -> {
                                try {
                                    int ok = 0;
                                    for (int i = 0; i < 300; i++) {
                                        String id = prefix + i;
                                        if (id.equals(
                                                echoed(await(client.send(to(server.uri(), id), Fixtures.DEADLINE))))) {
                                            ok++;
                                        }
                                    }
                                    done.complete(ok);
                                } catch (Exception e) {
                                    done.completeExceptionally(e);
                                }
                            },
                            "test-sender-" + t)
                    .start();
        }
        for (CompletableFuture<Integer> done : threads) {
            assertEquals(300, done.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, server.connectionCount());
        assertEquals(0, client.pendingCount(server.uri()));
    }

    @Test
    void answersMayComeOutOfOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TcpRegistryServer server = closing(TcpRegistryServer.start(request -> {
            if (request.registrant().id().equals("slow")) {
                awaitQuietly(release);
            }
            return echo().handle(request);
        }));
        TcpClient client = client();
        CompletableFuture<Response> slow = client.send(to(server.uri(), "slow"), Fixtures.DEADLINE);
        CompletableFuture<Response> fast = client.send(to(server.uri(), "fast"), Fixtures.DEADLINE);
        assertEquals("fast", echoed(await(fast)));
        assertFalse(slow.isDone(), "the slow request is still pending behind the fast one's answer");
        release.countDown();
        assertEquals("slow", echoed(await(slow)));
    }

    @Test
    void cancelFreesTheSlotAndTheLateAnswerIsDropped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        AtomicInteger entered = new AtomicInteger();
        TcpRegistryServer server = closing(TcpRegistryServer.start(request -> {
            if (request.registrant().id().startsWith("blocked")) {
                entered.incrementAndGet();
                awaitQuietly(release);
            }
            handled.incrementAndGet();
            return echo().handle(request);
        }));
        TcpClient client = closing(
                (TcpClient) TcpTransport.builder().maxPendingPerConnection(2).build());
        CompletableFuture<Response> first = client.send(to(server.uri(), "blocked-1"), Fixtures.DEADLINE);
        CompletableFuture<Response> second = client.send(to(server.uri(), "blocked-2"), Fixtures.DEADLINE);
        TransportException full = failure(client.send(to(server.uri(), "third"), Fixtures.DEADLINE));
        assertTrue(full.getMessage().contains("too many requests pending"), full.getMessage());
        assertTrue(full.getMessage().contains("limit 2"), full.getMessage());

        assertTrue(eventually(() -> entered.get() == 2), "both requests reached the registry");
        assertTrue(first.cancel(false));
        assertEquals(1, client.pendingCount(server.uri()), "the cancelled request freed its slot");
        release.countDown();
        assertEquals("blocked-2", echoed(await(second)));
        assertTrue(eventually(() -> handled.get() == 2), "the cancelled request's answer was sent anyway");
        assertEquals("after", echoed(await(client.send(to(server.uri(), "after"), Fixtures.DEADLINE))));
        assertTrue(first.isCancelled(), "the late answer did not complete the cancelled future");
        assertEquals(0, client.pendingCount(server.uri()));
    }

    @Test
    void aRequestTimedOutByItsCallerFreesItsSlot() throws Exception {
        try (RawPeers.Silent silent = RawPeers.silent()) {
            TcpClient client = client();
            CompletableFuture<Response> future =
                    client.send(to(silent.uri(), "a"), Fixtures.DEADLINE).orTimeout(50, TimeUnit.MILLISECONDS);
            assertThrows(java.util.concurrent.ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
            assertTrue(eventually(() -> client.pendingCount(silent.uri()) == 0));
        }
    }

    @Test
    void aSlowHandlerDoesNotStallOtherConnections() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TcpRegistryServer server = closing(TcpRegistryServer.start(request -> {
            if (request.registrant().id().equals("slow")) {
                awaitQuietly(release);
            }
            return echo().handle(request);
        }));
        CompletableFuture<Response> slow = client().send(to(server.uri(), "slow"), Fixtures.DEADLINE);
        TcpClient other = client();
        for (int i = 0; i < 50; i++) {
            assertEquals("fast-" + i, echoed(await(other.send(to(server.uri(), "fast-" + i), Fixtures.DEADLINE))));
        }
        assertEquals(2, server.connectionCount());
        assertFalse(slow.isDone());
        release.countDown();
        assertEquals("slow", echoed(await(slow)));
    }

    @Test
    void unreachableTargetFailsInsteadOfHanging() throws Exception {
        URI closedPort = RawPeers.closedPort();
        TcpClient client = client();
        TransportException e = failure(client.send(to(closedPort, "a"), Fixtures.DEADLINE));
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        assertEquals(closedPort, e.target());
        assertEquals(0, client.pendingCount(closedPort));
    }

    @Test
    void aConnectThatHangsFailsAfterTheConnectTimeout() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> backlog = new ArrayList<>();
            boolean hangs = false;
            for (int i = 0; i < 8 && !hangs; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(full.getLocalSocketAddress(), 200);
                    backlog.add(socket);
                } catch (SocketTimeoutException e) {
                    hangs = true;
                    socket.close();
                }
            }
            assumeTrue(hangs, "this system refuses instead of dropping connects to a full backlog");
            URI target = URI.create("tcp://127.0.0.1:" + full.getLocalPort());
            try (TcpClient client = (TcpClient) TcpTransport.builder()
                    .connectTimeout(Duration.ofMillis(200))
                    .build()) {
                TransportException e = failure(client.send(to(target, "a"), Fixtures.DEADLINE));
                assertTrue(e.getMessage().contains("connect timed out after 200 ms"), e.getMessage());
            } finally {
                for (Socket socket : backlog) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void unresolvableHostFailsWithAClearMessage() {
        URI target = URI.create("tcp://no-such-host.invalid:7070");
        TransportException e = failure(client().send(to(target, "a"), Fixtures.DEADLINE));
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    @Test
    void handlerExceptionFailsThatRequestWithAGenericMessage() throws Exception {
        TcpRegistryServer server = closing(TcpRegistryServer.start(request -> {
            if (request.registrant().id().equals("bad")) {
                throw new IllegalStateException("registry is sad");
            }
            return echo().handle(request);
        }));
        TcpClient client = client();
        TransportException e = failure(client.send(to(server.uri(), "bad"), Fixtures.DEADLINE));
        assertTrue(e.getMessage().contains("HANDLER_FAILED"), e.getMessage());
        assertTrue(e.getMessage().contains(HandlerDispatcher.HANDLER_FAILED), e.getMessage());
        assertFalse(
                e.getMessage().contains("registry is sad"),
                "the handler's failure stays in the registry: " + e.getMessage());
        assertEquals("good", echoed(await(client.send(to(server.uri(), "good"), Fixtures.DEADLINE))));
    }

    @Test
    void serverClosingMidRequestFailsThePendingRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TcpRegistryServer server = TcpRegistryServer.builder(request -> {
                    awaitQuietly(release);
                    return echo().handle(request);
                })
                .closeTimeout(Duration.ofMillis(50))
                .start();
        TcpClient client = client();
        List<CompletableFuture<Response>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(client.send(to(server.uri(), "h" + i), Fixtures.DEADLINE));
        }
        assertTrue(eventually(() -> server.connectionCount() == 1));
        server.close();
        for (CompletableFuture<Response> future : pending) {
            TransportException e = failure(future);
            assertTrue(e.getMessage().contains("connection broke"), e.getMessage());
        }
        release.countDown();
    }

    @Test
    void serverThatNeverAnswersLeavesRequestsPendingUntilCancelled() throws Exception {
        try (RawPeers.Silent silent = RawPeers.silent()) {
            TcpClient client = client();
            CompletableFuture<Response> future = client.send(to(silent.uri(), "a"), Fixtures.DEADLINE);
            assertTrue(silent.awaitAccepted(), "the client connected");
            Thread.sleep(200);
            assertFalse(future.isDone(), "the transport owns no request timeout");
            assertEquals(1, client.pendingCount(silent.uri()));
            future.cancel(false);
            assertTrue(future.isCancelled());
            assertEquals(0, client.pendingCount(silent.uri()));
        }
    }

    @Test
    void closingTheClientFailsPendingRequestsAndRefusesNewOnes() throws Exception {
        try (RawPeers.Silent silent = RawPeers.silent()) {
            TcpClient client = (TcpClient) TcpTransport.create();
            CompletableFuture<Response> future = client.send(to(silent.uri(), "a"), Fixtures.DEADLINE);
            assertTrue(silent.awaitAccepted());
            client.close();
            assertTrue(failure(future).getMessage().contains("closed"));
            assertTrue(failure(client.send(to(silent.uri(), "b"), Fixtures.DEADLINE))
                    .getMessage()
                    .contains("closed"));
            client.close();
        }
    }

    @Test
    void badTargetsAndArgumentsAreRefusedAtOnce() {
        TcpClient client = client();
        IllegalArgumentException noPort = assertThrows(
                IllegalArgumentException.class,
                () -> client.send(to(URI.create("tcp://localhost"), "a"), Fixtures.DEADLINE));
        assertTrue(noPort.getMessage().contains("tcp://host:port"), noPort.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> client.send(to(URI.create("http://localhost:80"), "a"), Fixtures.DEADLINE));
        assertThrows(NullPointerException.class, () -> client.send(null, Fixtures.DEADLINE));
        assertThrows(
                IllegalArgumentException.class,
                () -> client.send(to(URI.create("tcp://localhost:1"), "a"), Duration.ZERO));
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
