package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistryInfo;
import dev.heart.api.Response;
import dev.heart.api.security.TlsConfig;
import dev.heart.transport.tcp.TcpTransport;
import dev.heart.transport.tcp.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over TLS a client's callers write their requests directly while the I/O thread sleeps (issue
 * 26): many threads sending at once, while the registry sends a TLS 1.3 KeyUpdate
 * (update_requested) every few answers, so that the client's I/O thread wraps its answers to
 * them between the callers' wraps. Every request gets its own answer over the one connection: a
 * record wrapped by two threads at once, or written out of order, breaks the connection (the
 * registry's engine fails on it) and the requests fail.
 */
@Timeout(120)
class TlsDirectWriteTest {
    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 400;
    private static final int KEY_UPDATE_EVERY = 8;

    @TempDir
    static Path dir;

    /**
     * A TLS 1.3 registry on one accepted connection, on its own thread: answers each request with
     * the registrant's id in attribute "echo" and sends a KeyUpdate after every
     * {@link #KEY_UPDATE_EVERY} answers.
     */
    private static final class KeyUpdatingRegistry implements AutoCloseable {
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger keyUpdates = new AtomicInteger();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final CountDownLatch accepted = new CountDownLatch(1);
        private final ServerSocketChannel acceptor;
        private final Thread thread;
        private volatile boolean running = true;

        KeyUpdatingRegistry(javax.net.ssl.SSLContext context) throws IOException {
            acceptor = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> serve(context), "test-key-updating-registry");
            thread.start();
        }

        URI uri() throws IOException {
            return URI.create("tcps://127.0.0.1:" + ((InetSocketAddress) acceptor.getLocalAddress()).getPort());
        }

        private void serve(javax.net.ssl.SSLContext context) {
            try (HostileTlsPeer peer = HostileTlsPeer.accept(acceptor.accept(), context, "TLSv1.3");
                    Selector selector = Selector.open()) {
                accepted.countDown();
                SelectionKey key = peer.socket.register(selector, SelectionKey.OP_READ);
                ByteBuffer appIn =
                        ByteBuffer.allocate(8 * peer.engine.getSession().getApplicationBufferSize());
                FrameDecoder decoder = new FrameDecoder(1 << 20, 64 * 1024);
                while (running) {
                    selector.select(100);
                    selector.selectedKeys().clear();
                    peer.flush();
                    int n = peer.readApplication(appIn);
                    if (n < 0) {
                        return; // the client closed
                    }
                    appIn.flip();
                    while (appIn.hasRemaining()) {
                        ByteBuffer into = decoder.writable();
                        int k = Math.min(into.remaining(), appIn.remaining());
                        into.put(appIn.slice().limit(k));
                        appIn.position(appIn.position() + k);
                        while (decoder.next()) {
                            answer(peer, Codec.readRequest(decoder.id(), decoder.payload()));
                        }
                    }
                    appIn.clear();
                    key.interestOps(SelectionKey.OP_READ | (peer.hasPendingOutput() ? SelectionKey.OP_WRITE : 0));
                }
            } catch (Exception | Error e) {
                if (running) {
                    failures.add(e);
                }
            }
        }

        private void answer(HostileTlsPeer peer, IncomingRequest request) throws IOException {
            Response response = Response.accept(
                    new RegistryInfo(
                            "reg",
                            "svc",
                            URI.create("tcps://127.0.0.1:1"),
                            List.of(),
                            Map.of("echo", request.request().registrant().id())),
                    Duration.ofSeconds(30));
            ByteBuffer frame = ByteBuffer.allocate(Codec.responseFrameSize(response));
            Codec.putResponse(frame, request.id(), response);
            // counted before it is written: once written, the client may see it (and the test
            // read the count) before this thread goes on
            int n = answered.incrementAndGet();
            peer.sendApplicationBytes(frame.array());
            if (n % KEY_UPDATE_EVERY == 0) {
                keyUpdates.incrementAndGet();
                peer.beginHandshake(); // TLS 1.3: a KeyUpdate the client must answer
            }
        }

        @Override
        public void close() throws IOException {
            running = false;
            acceptor.close();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void manyThreadsWritingDirectlyWhileTheRegistrySendsKeyUpdatesGetEveryAnswer() throws Exception {
        TestCertificates.Identity ca = TestCertificates.ca("direct write test CA");
        Path caPem = ca.writeCertificatePem(dir, "ca");
        javax.net.ssl.SSLContext registryContext = HostileTlsPeer.context(ca, TestCertificates.server(ca, false, null));
        List<String> failures = new CopyOnWriteArrayList<>();
        try (KeyUpdatingRegistry registry = new KeyUpdatingRegistry(registryContext);
                TcpClient client = (TcpClient) TcpTransport.builder()
                        .connectTimeout(Duration.ofSeconds(20))
                        .tls(TlsConfig.builder().trust(caPem).build())
                        .build()) {
            URI target = registry.uri();
            assertEquals(
                    "first",
                    Fixtures.echoed(Fixtures.await(client.send(Fixtures.to(target, "first"), Fixtures.DEADLINE))));
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                senders.add(new Thread(
                        () -> {
                            for (int i = 0; i < REQUESTS_PER_THREAD && failures.size() < 10; i++) {
                                String id = "t" + thread + "-" + i;
                                try {
                                    if (i % 50 == 0) { // now and then a few at once
                                        List<CompletableFuture<Response>> burst = new ArrayList<>();
                                        for (int j = 0; j < 4; j++) {
                                            burst.add(
                                                    client.send(Fixtures.to(target, id + "-" + j), Fixtures.DEADLINE));
                                        }
                                        for (int j = 0; j < 4; j++) {
                                            String echoed = Fixtures.echoed(Fixtures.await(burst.get(j)));
                                            if (!(id + "-" + j).equals(echoed)) {
                                                failures.add(id + "-" + j + " answered for " + echoed);
                                            }
                                        }
                                    } else {
                                        String echoed = Fixtures.echoed(Fixtures.await(
                                                client.send(Fixtures.to(target, id), Fixtures.DEADLINE)));
                                        if (!id.equals(echoed)) {
                                            failures.add(id + " answered for " + echoed);
                                        }
                                    }
                                } catch (Exception e) {
                                    failures.add(id + ": " + e);
                                }
                            }
                        },
                        "test-sender-" + t));
            }
            senders.forEach(Thread::start);
            for (Thread sender : senders) {
                sender.join(TimeUnit.SECONDS.toMillis(100));
            }
            assertTrue(
                    failures.isEmpty(),
                    () -> failures.size() + " failures, the first: "
                            + failures.subList(0, Math.min(5, failures.size())));
            assertTrue(registry.failures.isEmpty(), () -> "the registry failed: " + registry.failures);
            int expected = 1 + THREADS * (REQUESTS_PER_THREAD + 3 * ((REQUESTS_PER_THREAD + 49) / 50));
            assertEquals(expected, registry.answered.get(), "answers written by the registry");
            assertTrue(
                    registry.keyUpdates.get() >= expected / KEY_UPDATE_EVERY,
                    "key updates sent: " + registry.keyUpdates.get());
            assertEquals(0, client.pendingCount(target));
        }
    }
}
