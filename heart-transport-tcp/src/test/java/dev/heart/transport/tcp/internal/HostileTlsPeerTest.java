package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import dev.heart.transport.tcp.TestCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hostile TLS peer, driven by the test's own {@link javax.net.ssl.SSLEngine}, cannot hang the
 * only I/O thread of a registry or of a client (issue 23, finding 1): a TLS 1.3 peer that
 * pipelines without reading until its socket is full and sends KeyUpdates, a TLS 1.2 peer that
 * renegotiates (refused: the connection is closed), a hostile registry against the client. A good
 * client beating meanwhile keeps its lease on the registry's own table, and the I/O thread does not
 * spin.
 */
class HostileTlsPeerTest {
    private static final Duration LEASE = Duration.ofMillis(2500);
    private static final Duration BEAT_EVERY = Duration.ofMillis(250);

    @TempDir
    static Path dir;

    private static TestCertificates.Identity ca;
    private static Path[] serverPem;
    private static Path caPem;

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.ca("hostile test CA");
        serverPem = TestCertificates.server(ca, false, null).writePem(dir, "server");
        caPem = ca.writeCertificatePem(dir, "ca");
    }

    /** The registry's own state: when each registrant was last accepted, and the longest gap between two. */
    static final class Table implements RegistryHandler {
        final Map<String, Long> last = new ConcurrentHashMap<>();
        final Map<String, Long> longestGap = new ConcurrentHashMap<>();
        private final RegistryInfo info =
                new RegistryInfo("reg", "svc", URI.create("tcps://127.0.0.1:1"), List.of(), Map.of());

        @Override
        public Response handle(Request request) {
            long now = System.nanoTime();
            String id = request.registrant().id();
            Long before = last.put(id, now);
            if (before != null) {
                longestGap.merge(id, now - before, Math::max);
            }
            return Response.accept(info, LEASE);
        }

        Duration longestGap(String id) {
            return Duration.ofNanos(longestGap.getOrDefault(id, Long.MAX_VALUE));
        }
    }

    /** Beats registrant {@code id} every {@link #BEAT_EVERY} on its own thread, recording failures. */
    static final class GoodClient implements AutoCloseable {
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final RequestProtocol client;
        private final Thread thread;
        private volatile boolean running = true;

        GoodClient(URI target, String id) {
            client = TcpTransport.builder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .tls(TlsConfig.builder().trust(caPem).build())
                    .build();
            thread = new Thread(
                    () -> {
                        while (running) {
                            try {
                                client.send(
                                                new OutgoingRequest(Request.beat(RegistrantInfo.of(id, "svc")), target),
                                                Duration.ofSeconds(1))
                                        .get(2, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                failures.add(e.toString());
                            }
                            try {
                                Thread.sleep(BEAT_EVERY.toMillis());
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "test-good-client");
            thread.start();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.close();
        }
    }

    private static TcpRegistryServer server(Table table) {
        return TcpRegistryServer.builder(table)
                .tls(TlsConfig.builder().identity(serverPem[0], serverPem[1]).build())
                .start();
    }

    /** The newest thread whose name starts with {@code prefix} (the one of the server or client just made). */
    private static Thread newestThread(String prefix) {
        Thread newest = null;
        long best = -1;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                long n = Long.parseLong(t.getName().substring(prefix.length()));
                if (n > best) {
                    best = n;
                    newest = t;
                }
            }
        }
        assertTrue(newest != null, "no thread " + prefix + "N");
        return newest;
    }

    /**
     * The share of samples of {@code thread}'s stack, taken every 5 ms while {@code during} runs, in
     * which it was not waiting in its selector: near 0 for an I/O thread that waits for events, near 1
     * for one that spins. (Stack samples, not CPU time: they need nothing beyond java.base.)
     */
    private static double cpuShare(Thread thread, ThrowingRunnable during) throws Exception {
        int[] samples = new int[2];
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        StackTraceElement[] stack = thread.getStackTrace();
                        boolean waiting = false;
                        for (StackTraceElement e : stack) {
                            if (e.getMethodName().startsWith("select")
                                    || e.getMethodName().equals("doSelect")) {
                                waiting = true;
                                break;
                            }
                        }
                        synchronized (samples) {
                            samples[0]++;
                            samples[1] += waiting ? 0 : 1;
                            if (!waiting && stack.length > 0) {
                                StringBuilder where = new StringBuilder();
                                for (int i = 0; i < Math.min(12, stack.length); i++) {
                                    where.append(stack[i]).append(" < ");
                                }
                                lastBusyStack = where.toString();
                            }
                        }
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "test-sampler");
        sampler.start();
        try {
            during.run();
        } finally {
            sampler.interrupt();
            sampler.join(10_000);
        }
        synchronized (samples) {
            return samples[0] == 0 ? 0 : (double) samples[1] / samples[0];
        }
    }

    static volatile String lastBusyStack = "";

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aTls13PeerThatPipelinesWithoutReadingAndSendsKeyUpdatesHangsNothing() throws Exception {
        Table table = new Table();
        try (TcpRegistryServer server = server(table);
                GoodClient good = new GoodClient(server.uri(), "good")) {
            Thread io = newestThread("heart-tcp-server-io-");
            awaitAccepted(table, "good");
            try (HostileTlsPeer attacker =
                    HostileTlsPeer.connect(server.address(), HostileTlsPeer.context(ca, null), "TLSv1.3")) {
                int sent = attacker.pipelineUntilFull(
                        "attacker", "svc", Duration.ofMillis(500), Duration.ofSeconds(8), 64);
                assertTrue(sent > 0, "the attacker sent nothing");
                attacker.beginHandshake(); // one more KeyUpdate, and a byte after it
                attacker.sendApplicationBytes(new byte[] {0});
                Thread.sleep(500);
                double share = cpuShare(io, () -> Thread.sleep(3 * LEASE.toMillis()));
                assertTrue(
                        share < 0.5,
                        "the server's I/O thread used " + Math.round(share * 100)
                                + "% of samples outside its selector while the attacker held its connection: it spins; last seen in "
                                + lastBusyStack);
            }
            assertTrue(
                    table.longestGap("good").compareTo(LEASE) < 0,
                    () -> "the good client's lease lapsed:"
                            + " longest gap between its accepted beats "
                            + table.longestGap("good").toMillis()
                            + " ms; failures " + good.failures);
        }
    }

    @Test
    void tls12RenegotiationIsRefusedAndHangsNothing() throws Exception {
        Table table = new Table();
        try (TcpRegistryServer server = server(table);
                GoodClient good = new GoodClient(server.uri(), "good")) {
            awaitAccepted(table, "good");
            try (HostileTlsPeer attacker =
                    HostileTlsPeer.connect(server.address(), HostileTlsPeer.context(ca, null), "TLSv1.2")) {
                attacker.pipelineUntilFull("attacker", "svc", Duration.ofMillis(500), Duration.ofSeconds(8), 0);
                attacker.beginHandshake(); // a renegotiation ClientHello behind the pipelined beats
                attacker.sendApplicationBytes(new byte[] {0});
                long start = System.nanoTime();
                try {
                    while (System.nanoTime() - start < 2 * LEASE.toNanos()) {
                        attacker.flush();
                        Thread.sleep(20);
                    }
                } catch (java.io.IOException closedByTheRegistry) {
                    Thread.sleep(2 * LEASE.toMillis()); // the good client keeps beating meanwhile
                }
                assertTrue(
                        table.longestGap("good").compareTo(LEASE) < 0,
                        () -> "the good client's lease lapsed:" + " longest gap "
                                + table.longestGap("good").toMillis() + " ms; failures " + good.failures);
            }
        }
    }

    @Test
    void aRenegotiationBegunAndNeverFinishedClosesTheConnection() throws Exception {
        Table table = new Table();
        try (TcpRegistryServer server = server(table)) {
            try (HostileTlsPeer attacker =
                    HostileTlsPeer.connect(server.address(), HostileTlsPeer.context(ca, null), "TLSv1.2")) {
                attacker.offerBeat("attacker", "svc");
                awaitAccepted(table, "attacker");
                attacker.beginHandshake(); // and never finished: the test's engine never reads the answer
                boolean broken = false;
                try {
                    for (int i = 0; i < 200; i++) {
                        attacker.sendApplicationBytes(new byte[1024]); // application data during the renegotiation
                    }
                } catch (java.io.IOException closedByTheRegistry) {
                    broken = true;
                }
                assertTrue(
                        broken || attacker.closedByPeerWithin(Duration.ofSeconds(10)),
                        "the registry kept a connection whose client renegotiates");
            }
            assertEquals(0, waitForNoConnections(server), "connections left");
        }
    }

    @Test
    void aHostileRegistrySendingAKeyUpdateWhileTheClientCannotWriteHangsNoClientThread() throws Exception {
        Table table = new Table();
        TestCertificates.Identity serverIdentity = TestCertificates.server(ca, false, null);
        SSLContext hostileContext = serverContext(serverIdentity);
        try (TcpRegistryServer good = server(table);
                ServerSocketChannel hostile =
                        ServerSocketChannel.open() // a small fixed window: the client cannot write
                                .setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4096)
                                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                RequestProtocol client = TcpTransport.builder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .tls(TlsConfig.builder().trust(caPem).build())
                        .build()) {
            URI hostileUri =
                    URI.create("tcps://127.0.0.1:" + ((InetSocketAddress) hostile.getLocalAddress()).getPort());
            String big = "x".repeat(100_000);
            RegistrantInfo heavy = new RegistrantInfo("heavy", "svc", Map.of("a", big));
            // the first request makes the connection; the hostile registry completes the handshake and never reads
            var first = client.send(new OutgoingRequest(Request.beat(heavy), hostileUri), Duration.ofSeconds(60));
            SocketChannel accepted = hostile.accept();
            try (HostileTlsPeer registry = HostileTlsPeer.accept(accepted, hostileContext, "TLSv1.3")) {
                for (int i = 0; i < 400; i++) { // ~40 MB the registry never reads: the client's socket fills
                    client.send(new OutgoingRequest(Request.beat(heavy), hostileUri), Duration.ofSeconds(60));
                }
                Thread.sleep(1000);
                Thread io = newestThread("heart-tcp-client-io-");
                double share = cpuShare(io, () -> {
                    registry.beginHandshake(); // KeyUpdate (update_requested): the client must answer, cannot write
                    registry.sendApplicationBytes(new byte[] {0});
                    Thread.sleep(500);
                    for (int i = 0; i < 8; i++) { // the same I/O thread serves a good registry meanwhile
                        Response r = client.send(
                                        new OutgoingRequest(Request.beat(RegistrantInfo.of("good", "svc")), good.uri()),
                                        Duration.ofSeconds(2))
                                .get(5, TimeUnit.SECONDS);
                        assertTrue(!r.reject(), "rejected " + r);
                        Thread.sleep(250);
                    }
                });
                assertTrue(
                        share < 0.5,
                        "the client's I/O thread used " + Math.round(share * 100)
                                + "% of samples outside its selector while the hostile registry held its connection: it spins");
            }
            first.cancel(true);
        }
    }

    private static SSLContext serverContext(TestCertificates.Identity identity) throws Exception {
        return HostileTlsPeer.context(ca, identity);
    }

    private static void awaitAccepted(Table table, String id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!table.last.containsKey(id) && System.nanoTime() - end < 0) {
            Thread.sleep(10);
        }
        assertTrue(table.last.containsKey(id), id + " was never accepted");
    }

    private static int waitForNoConnections(TcpRegistryServer server) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.connectionCount() > 0 && System.nanoTime() - end < 0) {
            Thread.sleep(10);
        }
        return server.connectionCount();
    }
}
