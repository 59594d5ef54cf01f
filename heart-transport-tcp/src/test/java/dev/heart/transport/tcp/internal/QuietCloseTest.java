package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.testkit.FakeRegistry;
import dev.heart.testkit.RegistryConfig;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A clean close is quiet (issue 21, item 4): closing the tcp transport from its own I/O thread, as
 * {@code Heart.close()} does when the last disconnect answer completes there, logs no WARN; a close
 * that truly times out names the thread that did not stop. slf4j-simple writes to the current
 * {@code System.err}, captured here (the module's tests log TcpClient at WARN, see the pom).
 */
class QuietCloseTest {

    /** Copies what is written to System.err while open, and still passes it on. */
    static final class CapturedErr implements AutoCloseable {
        private final PrintStream original = System.err;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        CapturedErr() {
            System.setErr(new PrintStream(
                    new OutputStream() {
                        @Override
                        public void write(int b) {
                            synchronized (copy) {
                                copy.write(b);
                            }
                            original.write(b);
                        }
                    },
                    true,
                    StandardCharsets.UTF_8));
        }

        String text() {
            synchronized (copy) {
                return copy.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }

    /** Answers after 300 ms: the test's continuation is registered before the answer completes the future. */
    private static dev.heart.api.RegistryHandler slowEcho() {
        dev.heart.api.RegistryHandler echo = Fixtures.echo();
        return request -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return echo.handle(request);
        };
    }

    @Test
    void aHeartOverTcpClosesWithoutAWarn() throws Exception {
        FakeRegistry registry = FakeRegistry.create(
                RegistryConfig.of("svc", Duration.ofMillis(600)), dev.heart.engine.TimeSource.system());
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                CapturedErr err = new CapturedErr()) {
            for (int round = 0; round < 3; round++) {
                OutgoingRequest first =
                        new OutgoingRequest(Request.beat(RegistrantInfo.of("a" + round, "svc")), server.uri());
                Heart heart = Heart.builder(LeaseFollowingBeater.builder(first)
                                .recovery(dev.heart.engine.beater.Recovery.builder()
                                        .attempts(dev.heart.api.Attempts.of(Duration.ofMillis(300), 2))
                                        .build())
                                .build())
                        .build();
                Beating beating = heart.start(first, Duration.ofSeconds(1), 2);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (beating.stats().beats() < 2 && System.nanoTime() - end < 0) {
                    Thread.sleep(10);
                }
                heart.close();
            }
            Thread.sleep(1000); // the WARN came 100-350 ms after close() began
            assertTrue(!err.text().contains("WARN"), () -> "a clean close logged: " + err.text());
        }
    }

    @Test
    void closingFromTheClientsOwnIoThreadIsQuietAndStopsIt() throws Exception {
        try (TcpRegistryServer server = TcpRegistryServer.start(slowEcho());
                CapturedErr err = new CapturedErr()) {
            TcpClient client = (TcpClient) TcpTransport.builder().build();
            AtomicReference<String> closedOn = new AtomicReference<>();
            CountDownLatch closed = new CountDownLatch(1);
            client.send(Fixtures.to(server.uri(), "x"), Duration.ofSeconds(5)).whenComplete((r, e) -> {
                closedOn.set(Thread.currentThread().getName());
                client.close();
                closed.countDown();
            });
            assertTrue(closed.await(10, TimeUnit.SECONDS));
            assertTrue(closedOn.get().startsWith("heart-tcp-client-io-"), "closed on " + closedOn.get());
            Thread.sleep(500);
            assertTrue(!err.text().contains("WARN"), () -> "a clean close logged: " + err.text());
            assertTrue(
                    Thread.getAllStackTraces().keySet().stream()
                            .noneMatch(t -> t.getName().equals(closedOn.get())),
                    "the I/O thread stopped");
        }
    }

    @Test
    void aCloseThatTimesOutNamesTheThreadThatDidNotStop() throws Exception {
        try (TcpRegistryServer server = TcpRegistryServer.start(slowEcho());
                CapturedErr err = new CapturedErr()) {
            TcpClient client = (TcpClient) TcpTransport.builder().build();
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<String> blocked = new AtomicReference<>();
            CountDownLatch entered = new CountDownLatch(1);
            client.send(Fixtures.to(server.uri(), "x"), Duration.ofSeconds(5)).whenComplete((r, e) -> {
                blocked.set(Thread.currentThread().getName());
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS); // a continuation that blocks the I/O thread
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            client.close(200);
            release.countDown();
            String text = err.text();
            assertTrue(
                    text.contains("WARN") && text.contains(blocked.get()) && text.contains("did not stop"),
                    () -> "the WARN names " + blocked.get() + ": " + text);
            assertEquals(1, text.lines().filter(l -> l.contains("did not stop")).count(), text);
        }
    }
}
