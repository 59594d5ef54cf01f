package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistrantInfo;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Spring Boot web application registering with a real TCP registry started by the test. */
class TcpRegistrationTest {

    @Test
    void registeredWhileRunningAndDisconnectedBeforeTheWebServerStops() {
        AtomicReference<String> webServerAtDisconnect = new AtomicReference<>("no disconnect");
        AtomicReference<Integer> webPort = new AtomicReference<>();
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30), request -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", webPort.get()), 5_000);
                webServerAtDisconnect.set("accepting");
            } catch (IOException e) {
                webServerAtDisconnect.set("refused: " + e);
            }
        });
        try (TcpRegistryServer server = TcpRegistryServer.start(registry)) {
            ConfigurableApplicationContext context = TestApp.web(
                    "spring.application.name=orders",
                    "heart.registry=" + server.uri(),
                    "heart.registrant.attributes.zone=eu-1",
                    "heart.registrant.attributes[etcd.ttl]=5");
            int port = TestApp.port(context);
            webPort.set(port);
            Await.until("orders registered", () -> registry.of("orders") != null);
            RegistrantInfo registrant = registry.of("orders");
            assertEquals("orders-127.0.0.1-" + port, registrant.id());
            assertEquals("127.0.0.1:" + port, registrant.attributes().get("address"));
            assertEquals(Integer.toString(port), registrant.attributes().get("port"));
            assertEquals("eu-1", registrant.attributes().get("zone"));
            assertEquals("5", registrant.attributes().get("etcd.ttl"));

            context.close();

            assertNull(registry.of("orders"), "the registry still holds the application after close()");
            assertEquals(
                    "accepting",
                    webServerAtDisconnect.get(),
                    "the web server must still accept connections when the disconnect arrives");
        }
    }

    @Test
    void theStrictHealthFollowsTheRegistryDownWhileItIsStoppedUpWhenItReturns() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(2));
        TcpRegistryServer server = TcpRegistryServer.start(registry);
        InetSocketAddress address = server.address();
        try (ConfigurableApplicationContext context = TestApp.web(
                "spring.application.name=billing",
                "heart.registry=" + server.uri(),
                "heart.beater.backoff-max=500ms",
                "heart.health.lost-status=DOWN")) {
            Await.until("health UP", () -> health(context).contains("\"status\":\"UP\""), () -> health(context));
            assertTrue(health(context).contains("\"leaseLeft\":\"PT"), health(context));

            server.close();
            Await.until("health DOWN", () -> health(context).contains("\"status\":\"DOWN\""), () -> health(context));
            assertTrue(health(context).contains("\"health\":\"LOST\""), health(context));

            TestRegistry restarted = new TestRegistry(Duration.ofSeconds(2));
            server = TcpRegistryServer.builder(restarted).bind(address).start();
            Await.until("registered again", () -> restarted.of("billing") != null);
            Await.until("health UP again", () -> health(context).contains("\"status\":\"UP\""), () -> health(context));
        } finally {
            server.close();
        }
    }

    @Test
    void everyRegistryHoldsTheApplicationAndTheHealthIsTheWorstOfThem() {
        TestRegistry first = new TestRegistry(Duration.ofSeconds(30));
        TestRegistry second = new TestRegistry(Duration.ofSeconds(2));
        TcpRegistryServer two = TcpRegistryServer.start(second);
        try (TcpRegistryServer one = TcpRegistryServer.start(first);
                ConfigurableApplicationContext context = TestApp.plain(
                        "spring.application.name=ledger",
                        "heart.registry=" + one.uri() + "," + two.uri(),
                        "heart.health.lost-status=DOWN")) {
            Await.until("ledger in both registries", () -> first.of("ledger") != null && second.of("ledger") != null);
            var indicator = context.getBean(dev.heart.spring.boot.actuate.HeartHealthIndicator.class);
            Await.until(
                    "health UP",
                    () -> indicator.health().getStatus().getCode().equals("UP"),
                    () -> indicator.health().toString());
            assertEquals(
                    java.util.Set.of(
                            "registration", one.uri().toString(), two.uri().toString()),
                    indicator.health().getDetails().keySet());

            two.close();
            Await.until(
                    "health DOWN",
                    () -> indicator.health().getStatus().getCode().equals("DOWN"),
                    () -> indicator.health().toString());
            assertTrue(first.of("ledger") != null, "the first registry lost the application too");
        } finally {
            two.close();
        }
    }

    @Test
    void anOperatorDeregistersAndRegistersAgainThroughTheEndpoint() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.web(
                        "spring.application.name=search",
                        "heart.registry=" + server.uri(),
                        "management.endpoint.heart.access=unrestricted")) {
            Await.until("search registered", () -> registry.of("search") != null);
            HttpResponse<String> read = TestApp.http(context, "GET", "/actuator/heart");
            assertEquals(200, read.statusCode(), read.body());
            assertTrue(read.body().contains("\"status\":\"REGISTERED\""), read.body());
            assertTrue(read.body().contains("\"registry\":\"" + server.uri() + "\""), read.body());

            HttpResponse<String> deregister = TestApp.http(context, "DELETE", "/actuator/heart");
            assertEquals(200, deregister.statusCode(), deregister.body());
            assertNull(registry.of("search"), "still registered after DELETE /actuator/heart");
            assertTrue(health(context).contains("\"status\":\"UP\""), health(context));
            assertTrue(health(context).contains("\"registration\":\"DEREGISTERED\""), health(context));

            HttpResponse<String> register = TestApp.http(context, "POST", "/actuator/heart");
            assertEquals(200, register.statusCode(), register.body());
            Await.until("search registered again", () -> registry.of("search") != null);
            Await.until("health UP", () -> health(context).contains("\"status\":\"UP\""), () -> health(context));
        }
    }

    @Test
    void anUnreachableRegistryNeverStopsTheApplicationFromStarting() {
        int nobody = freePort();
        try (ConfigurableApplicationContext context =
                TestApp.web("spring.application.name=cart", "heart.registry=tcp://127.0.0.1:" + nobody)) {
            assertTrue(context.isRunning());
            HeartRegistration registration = context.getBean(HeartRegistration.class);
            Await.until(
                    "an attempt failed", () -> registration.snapshots().get(0).failedAttempts() > 0);
            assertEquals(HeartRegistration.Status.REGISTERED, registration.status());
            assertTrue(health(context).contains("\"status\":\"UP\""), health(context));
            assertTrue(health(context).contains("\"registration\":\"UNREGISTERED\""), health(context));
        }
    }

    @Test
    void theStatusOfAnUnregisteredRegistrationIsConfigurable() {
        int nobody = freePort();
        try (ConfigurableApplicationContext context = TestApp.plain(
                "spring.application.name=cart",
                "heart.registry=tcp://127.0.0.1:" + nobody,
                "heart.health.unregistered-status=out_of_service")) {
            var indicator = context.getBean(dev.heart.spring.boot.actuate.HeartHealthIndicator.class);
            Await.until(
                    "an attempt failed",
                    () -> context.getBean(HeartRegistration.class)
                                    .snapshots()
                                    .get(0)
                                    .failedAttempts()
                            > 0);
            assertEquals(
                    "OUT_OF_SERVICE",
                    indicator.health().getStatus().getCode(),
                    indicator.health().getDetails().toString());
        }
    }

    @Test
    void anApplicationWithoutAWebServerRegistersWhenTheContextIsRefreshed() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry)) {
            ConfigurableApplicationContext context = TestApp.plain(
                    "spring.application.name=batch", "heart.registry=" + server.uri(), "heart.registrant.id=batch-1");
            Await.until("batch registered", () -> registry.of("batch") != null);
            assertFalse(registrationThreads().isEmpty(), "no heart thread seen while registered");
            RegistrantInfo registrant = registry.of("batch");
            assertEquals("batch-1", registrant.id());
            assertFalse(registrant.attributes().containsKey("port"), registrant.toString());
            context.close();
            assertNull(registry.of("batch"));
            Await.until(
                    "every thread of the registration ended",
                    () -> registrationThreads().isEmpty(),
                    () -> registrationThreads().toString());
        }
    }

    /** Live heart threads other than the test registry's. */
    static java.util.List<String> registrationThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("heart-") && !name.startsWith("heart-tcp-server"))
                .toList();
    }

    @Test
    void theFixedRateBeaterBeatsAtItsIntervalWhateverTheLease() {
        // lease-following would beat every 20 s under this 60 s lease: ten beats within the
        // 30 s bound come only from the fixed rate
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(60));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.plain(
                        "spring.application.name=rates",
                        "heart.registry=" + server.uri(),
                        "heart.beater.type=fixed-rate",
                        "heart.beater.interval=100ms")) {
            Await.until("ten beats", () -> registry.beats() >= 10, () -> registry.beats() + " beats");
            assertTrue(context.isRunning());
        }
    }

    @Test
    void disabledRegistersNothing() {
        try (ConfigurableApplicationContext context = TestApp.plain("heart.enabled=false")) {
            assertTrue(context.getBeansOfType(HeartRegistration.class).isEmpty());
        }
        assertNotNull(HeartRegistration.class);
    }

    static String health(ConfigurableApplicationContext context) {
        return TestApp.http(context, "GET", "/actuator/health/heart").body();
    }

    static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
