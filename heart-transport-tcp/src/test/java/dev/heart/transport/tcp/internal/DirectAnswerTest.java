package dev.heart.transport.tcp.internal;

import static dev.heart.transport.tcp.internal.Fixtures.await;
import static dev.heart.transport.tcp.internal.Fixtures.echo;
import static dev.heart.transport.tcp.internal.Fixtures.echoed;
import static dev.heart.transport.tcp.internal.Fixtures.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.heart.api.Response;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Handlers on their own threads answer directly while the server's I/O thread sleeps, and the I/O
 * thread still learns of every answer: one request at a time (every answer written directly),
 * and many pipelined requests through a tiny in-flight limit (reading pauses and must resume on
 * the notices of direct answers). No timing is asserted beyond the test's own bound.
 */
@Timeout(60)
class DirectAnswerTest {

    @Test
    void oneAtATimeEveryAnswerArrivesAndTheConnectionDrains() throws Exception {
        ExecutorService handlers = Executors.newFixedThreadPool(2);
        try (TcpRegistryServer server =
                        TcpRegistryServer.builder(echo()).executor(handlers).start();
                TcpClient client = (TcpClient) TcpTransport.create()) {
            for (int i = 0; i < 500; i++) {
                assertEquals("h" + i, echoed(await(client.send(to(server.uri(), "h" + i), Fixtures.DEADLINE))));
            }
            assertEquals(0, client.pendingCount(server.uri()));
        } finally {
            handlers.shutdownNow();
            handlers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pipelinedRequestsThroughAnInFlightLimitOfTwoAllGetTheirAnswers() throws Exception {
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        try (TcpRegistryServer server = TcpRegistryServer.builder(echo())
                        .executor(handlers)
                        .maxInFlightPerConnection(2)
                        .closeTimeout(Duration.ofSeconds(5))
                        .start();
                TcpClient client = (TcpClient) TcpTransport.create()) {
            for (int round = 0; round < 5; round++) {
                List<CompletableFuture<Response>> futures = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    futures.add(client.send(to(server.uri(), "r" + round + "-" + i), Fixtures.DEADLINE));
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertEquals("r" + round + "-" + i, echoed(await(futures.get(i))));
                }
            }
        } finally {
            handlers.shutdownNow();
            handlers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
