package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Closing client and server leaves no heart-tcp thread alive, with every kind of executor. */
class ThreadsTest {

    static List<String> heartTcpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("heart-tcp"))
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void closingClientAndServerStopsEveryThread() throws Exception {
        TcpRegistryServer server = TcpRegistryServer.start(Fixtures.echo());
        RequestProtocol client =
                TcpTransport.builder().ioThreads(2).connectionsPerTarget(3).build();
        for (int i = 0; i < 20; i++) {
            assertEquals(
                    "h" + i,
                    Fixtures.echoed(
                            Fixtures.await(client.send(Fixtures.to(server.uri(), "h" + i), Fixtures.DEADLINE))));
        }
        assertEquals(3, server.connectionCount(), "a pool of three connections");
        assertTrue(
                heartTcpThreads().stream().anyMatch(name -> name.startsWith("heart-tcp-client-io-")),
                heartTcpThreads().toString());
        assertTrue(
                heartTcpThreads().stream().anyMatch(name -> name.startsWith("heart-tcp-server-io-")),
                heartTcpThreads().toString());
        client.close();
        server.close();
        assertTrue(Fixtures.eventually(() -> heartTcpThreads().isEmpty()), () -> "alive: " + heartTcpThreads());
    }

    @Test
    void thePlatformHandlerPoolIsNamedAndStopped() throws Exception {
        var pool = HandlerExecutors.pool("heart-tcp-server-test-handler-", 2);
        pool.execute(() -> {});
        assertTrue(
                Fixtures.eventually(() -> heartTcpThreads().contains("heart-tcp-server-test-handler-1")),
                heartTcpThreads().toString());
        pool.shutdown();
        assertTrue(Fixtures.eventually(() -> heartTcpThreads().isEmpty()), () -> "alive: " + heartTcpThreads());
    }

    @Test
    void theDefaultHandlerExecutorUsesVirtualThreadsFromJava21() throws Exception {
        var executor = HandlerExecutors.create("heart-tcp-server-test-handler-", 2);
        var name = new java.util.concurrent.CompletableFuture<String>();
        var virtual = new java.util.concurrent.CompletableFuture<Boolean>();
        executor.execute(() -> {
            name.complete(Thread.currentThread().getName());
            virtual.complete(!Thread.getAllStackTraces().containsKey(Thread.currentThread()));
        });
        assertTrue(name.get(10, java.util.concurrent.TimeUnit.SECONDS).startsWith("heart-tcp-server-test-handler-"));
        assertEquals(
                Runtime.version().feature() >= 21,
                virtual.get(10, java.util.concurrent.TimeUnit.SECONDS),
                "virtual threads exactly when the runtime has them");
        executor.shutdown();
    }

    @Test
    void aCallerSuppliedExecutorIsUsedAndNotShutDown() throws Exception {
        var executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-own-executor"));
        try {
            var names = new java.util.concurrent.ConcurrentLinkedQueue<String>();
            try (TcpRegistryServer server = TcpRegistryServer.builder(request -> {
                                names.add(Thread.currentThread().getName());
                                return Fixtures.echo().handle(request);
                            })
                            .executor(executor)
                            .start();
                    RequestProtocol client = TcpTransport.create()) {
                Fixtures.await(client.send(Fixtures.to(server.uri(), "x"), Fixtures.DEADLINE));
            }
            assertEquals(List.of("test-own-executor"), List.copyOf(names));
            assertTrue(!executor.isShutdown());
        } finally {
            executor.shutdownNow();
        }
    }
}
