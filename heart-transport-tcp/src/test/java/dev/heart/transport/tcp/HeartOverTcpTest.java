package dev.heart.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.engine.Beating;
import dev.heart.engine.Health;
import dev.heart.engine.Heart;
import dev.heart.engine.RetryBackoff;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.Recovery;
import dev.heart.testkit.FakeRegistry;
import dev.heart.testkit.RegistryConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hearts on the real engine, over real sockets on loopback, against a FakeRegistry served by
 * TcpRegistryServer; the transport is found by the tcp scheme through ServiceLoader.
 */
@Timeout(120)
class HeartOverTcpTest {

    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void aHeartFoundByItsSchemeKeepsItsRegistrationAndLeavesOnStop() throws Exception {
        FakeRegistry registry = FakeRegistry.create(
                RegistryConfig.of("svc", Duration.ofMillis(600)), dev.heart.engine.TimeSource.system());
        try (TcpRegistryServer server = TcpRegistryServer.start(registry)) {
            OutgoingRequest first = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), server.uri());
            try (Heart heart = Heart.builder(LeaseFollowingBeater.builder(first)
                            .recovery(Recovery.builder()
                                    .attempts(Attempts.of(Duration.ofMillis(150), 3))
                                    .build())
                            .build())
                    .build()) {
                Beating beating = heart.start(first, Duration.ofSeconds(1), 2);
                assertTrue(eventually(() -> beating.stats().beats() >= 6), "beats for several leases");
                assertTrue(registry.isAlive("a"));
                assertEquals(Health.HEALTHY, beating.health());
                beating.stop();
                beating.completion().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
                assertTrue(!registry.isAlive("a"), "the disconnect reached the registry");
            }
        }
    }

    @Test
    void aHundredHeartsRideThroughARegistryRestartOnTheSamePort() throws Exception {
        FakeRegistry registry = FakeRegistry.create(
                RegistryConfig.of("svc", Duration.ofSeconds(2)), dev.heart.engine.TimeSource.system());
        TcpRegistryServer server = TcpRegistryServer.start(registry);
        InetSocketAddress address = server.address();
        List<Beating> beatings = new ArrayList<>();
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        try (Heart heart = Heart.builder(FixedRateBeater.builder(
                                new OutgoingRequest(Request.beat(RegistrantInfo.of("x", "svc")), server.uri()),
                                Duration.ofMillis(200))
                        .recovery(Recovery.builder()
                                .attempts(Attempts.of(Duration.ofMillis(300), 5))
                                .build())
                        .build())
                // while the port is closed the client fails at once: spread the retries over the gap
                .retryBackoff(RetryBackoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5))
                .build()) {
            for (int i = 0; i < 100; i++) {
                OutgoingRequest request =
                        new OutgoingRequest(Request.beat(RegistrantInfo.of("h" + i, "svc")), server.uri());
                Beating beating = heart.start(request, Duration.ofMillis(300), 5);
                beatings.add(beating);
                outcomes.add(beating.completion());
            }
            assertTrue(eventually(() -> !registry.alive().isEmpty()), "registered");
            server.close();
            Thread.sleep(300);
            server = TcpRegistryServer.builder(registry).bind(address).start();
            long before = beatings.stream().mapToLong(b -> b.stats().beats()).sum();
            assertTrue(
                    eventually(() ->
                            beatings.stream().mapToLong(b -> b.stats().beats()).sum() >= before + 200),
                    "hearts beat again after the restart");
            for (int i = 0; i < beatings.size(); i++) {
                Beating beating = beatings.get(i);
                assertTrue(
                        !outcomes.get(i).isDone() || outcomes.get(i).isCompletedExceptionally(),
                        "each heart either goes on or ended with its one outcome: " + beating);
            }
            heart.closeAsync().get(30, TimeUnit.SECONDS);
            for (CompletableFuture<Void> outcome : outcomes) {
                assertTrue(outcome.isDone(), "exactly one outcome each, after close");
            }
        } finally {
            server.close();
        }
    }
}
