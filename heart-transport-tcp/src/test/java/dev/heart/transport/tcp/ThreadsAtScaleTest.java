package dev.heart.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistrantInfo;
import dev.heart.engine.Heart;
import dev.heart.engine.TimeSource;
import dev.heart.testkit.FakeRegistry;
import dev.heart.testkit.RegistryConfig;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 21.3: 5,000 registrants on one heart with the ready-made beater, the default executor and
 * the TCP transport: no worker thread, and a small fixed number of heart threads however many
 * registrants there are. Prints the threads by name (run on JDK 17 and 25 for the figures).
 */
@Timeout(180)
class ThreadsAtScaleTest {
    static final int REGISTRANTS = 5_000;

    static Map<String, Integer> heartThreadsByName() {
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith("heart-")) {
                byName.merge(thread.getName().replaceAll("-?[0-9]+$", "-N"), 1, Integer::sum);
            }
        }
        return byName;
    }

    @Test
    void fiveThousandRegistrantsUseNoWorkerThread() throws Exception {
        FakeRegistry registry = FakeRegistry.create(
                RegistryConfig.of("svc", Duration.ofSeconds(3)).withCapacity(REGISTRANTS), TimeSource.system());
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                Heart heart = Heart.builder().build()) {
            for (int i = 0; i < REGISTRANTS; i++) {
                heart.register(RegistrantInfo.of("r" + i, "svc"), server.uri());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (registry.alive().size() < REGISTRANTS && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(REGISTRANTS, registry.alive().size(), "every registrant registered");
            Thread.sleep(3_000); // a lease of beats: every beater has run many times
            Map<String, Integer> heartThreads = heartThreadsByName();
            long jvmThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .count();
            System.out.printf(
                    "ThreadsAtScaleTest: Java %s, %d registrants: heart threads %s; JVM threads %d%n",
                    Runtime.version(), REGISTRANTS, heartThreads, jvmThreads);
            assertTrue(
                    heartThreads.keySet().stream().noneMatch(name -> name.startsWith("heart-worker")),
                    "no worker thread for beaters that never block: " + heartThreads);
            int clientSide = heartThreads.entrySet().stream()
                    .filter(e -> !e.getKey().startsWith("heart-tcp-server"))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            assertTrue(
                    clientSide <= 3,
                    "the heart's own threads (the registry server's aside) are a few, not one" + " per registrant: "
                            + heartThreads);
        }
    }
}
