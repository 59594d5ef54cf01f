package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** On shutdown the instance leaves its registries, then serves on for the drain delay before the graceful shutdown. */
class DrainTest {

    @Test
    void theWebServerServesThroughTheDrainDelayAfterTheDeregistration() throws Exception {
        AtomicLong disconnectAt = new AtomicLong();
        TestRegistry registry =
                new TestRegistry(Duration.ofSeconds(30), request -> disconnectAt.set(System.nanoTime()));
        AtomicReference<String> duringDrain = new AtomicReference<>("not checked");
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                LogCapture log = new LogCapture()) {
            ConfigurableApplicationContext context = TestApp.web(
                    "spring.application.name=orders",
                    "heart.registry=" + server.uri(),
                    "heart.shutdown.drain-delay=6s");
            int port = TestApp.port(context);
            // registered as the heart knows it, not only as the registry does: an acceptance the
            // heart has not read yet when the close begins announced nothing it knows of, so
            // there is no drain to wait (the drain follows registries that had accepted it)
            Await.until(
                    "registered",
                    () -> registry.of("orders") != null
                            && log.text().contains("heart: registered orders-127.0.0.1-" + port + " with "));
            Thread checker = new Thread(
                    () -> {
                        Await.until("the disconnect", () -> disconnectAt.get() != 0);
                        try {
                            Thread.sleep(500); // well within the 6 s drain, even on a loaded machine
                            try (Socket socket = new Socket()) {
                                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                                duringDrain.set("accepting");
                            }
                        } catch (IOException | InterruptedException e) {
                            duringDrain.set("failed: " + e);
                        }
                    },
                    "drain-checker");
            checker.start();
            context.close();
            long closedAt = System.nanoTime();
            checker.join(30_000);

            assertTrue(disconnectAt.get() != 0, "no disconnect reached the registry");
            assertEquals("accepting", duringDrain.get(), "the web server must serve during the drain");
            assertTrue(
                    Duration.ofNanos(closedAt - disconnectAt.get()).compareTo(Duration.ofSeconds(6)) >= 0,
                    "closed " + Duration.ofNanos(closedAt - disconnectAt.get()) + " after the disconnect");
            assertTrue(
                    log.text().contains("heart: registered orders-127.0.0.1-" + port + " with " + server.uri()),
                    log.text());
            assertTrue(
                    log.text()
                            .matches("(?s).*heart: deregistered from \\[" + server.uri()
                                    + "] \\(the application refuses traffic\\) in \\d+ ms.*"),
                    log.text());
            assertTrue(
                    log.text()
                            .matches("(?s).*heart: drained, \\d+ ms after the deregistration"
                                    + " \\(heart.shutdown.drain-delay=PT6S\\).*"),
                    log.text());
        }
    }

    @Test
    void theDrainIsBoundedByTheShutdownPhasesTimeout() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                LogCapture log = new LogCapture()) {
            ConfigurableApplicationContext context = TestApp.plain(
                    "spring.application.name=orders",
                    "heart.registry=" + server.uri(),
                    "heart.shutdown.drain-delay=60s",
                    "spring.lifecycle.timeout-per-shutdown-phase=1s");
            Await.until("registered", () -> registry.of("orders") != null);
            long start = System.nanoTime();
            context.close();
            // without the bound the close would take the whole minute
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(50)) < 0);
            assertTrue(
                    log.text()
                            .contains(
                                    "heart.shutdown.drain-delay (PT1M) is longer than"
                                            + " spring.lifecycle.timeout-per-shutdown-phase (PT1S): the drain lasts at most PT1S"),
                    log.text());
            assertTrue(log.text().contains("(the application stops)"), log.text());
        }
    }
}
