package dev.heart.transport.eureka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.api.security.Credentials;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.eureka.EurekaTransport;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The wire mapping and the failure paths, against {@link StubHttpServer} on a loopback socket:
 * requests as Eureka expects them, credentials sent and never shown, connections bounded, a
 * cancelled or timed-out exchange released, unreachable servers and server errors as
 * {@link TransportException}s, replicas as candidates, and close stopping the threads.
 */
class ProtocolTest {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final RegistrantInfo WHO = new RegistrantInfo("orders-7", "orders", Map.of("address", "10.0.0.7:8080"));

    static Response get(CompletableFuture<Response> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    static OutgoingRequest beat(URI target) {
        return new OutgoingRequest(Request.beat(WHO), target);
    }

    @Test
    void registerRenewAndCancelAreTheRequestsEurekaExpects() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(r ->
                        r.method().equals("POST") ? StubHttpServer.Answer.of(204) : StubHttpServer.Answer.of(200));
                RequestProtocol protocol =
                        EurekaTransport.builder().peersRefresh(Duration.ZERO).build()) {
            assertFalse(get(protocol.send(beat(stub.target()), DEADLINE)).reject());
            assertFalse(get(protocol.send(beat(stub.target()), DEADLINE)).reject());
            Response cancelled =
                    get(protocol.send(new OutgoingRequest(Request.beat(WHO).asDisconnect(), stub.target()), DEADLINE));
            assertEquals(RejectReason.DISCONNECTED, cancelled.rejectReason());

            assertEquals(3, stub.received.size(), "no status request with peersRefresh 0: " + stub.received);
            StubHttpServer.Received register = stub.received.get(0);
            assertEquals("POST", register.method());
            assertEquals("/eureka/apps/ORDERS", register.target());
            assertEquals("application/json", register.headers().get("content-type"));
            assertTrue(
                    register.body().startsWith("{\"instance\":{\"instanceId\":\"orders-7\",\"app\":\"ORDERS\""),
                    register.body());
            Matcher dirty = Pattern.compile("\"lastDirtyTimestamp\":\"(\\d+)\"").matcher(register.body());
            assertTrue(dirty.find(), register.body());

            StubHttpServer.Received renew = stub.received.get(1);
            assertEquals("PUT", renew.method());
            assertEquals("/eureka/apps/ORDERS/orders-7?status=UP&lastDirtyTimestamp=" + dirty.group(1), renew.target());
            assertFalse(renew.target().contains("overriddenstatus"), "status overrides are left alone");

            StubHttpServer.Received cancel = stub.received.get(2);
            assertEquals("DELETE", cancel.method());
            assertEquals("/eureka/apps/ORDERS/orders-7", cancel.target());
        }
    }

    @Test
    void a404OnRenewalIsNotRegisteredAndTheNextBeatRegistersWithANewerDirtyTimestamp() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(r ->
                        r.method().equals("POST") ? StubHttpServer.Answer.of(204) : StubHttpServer.Answer.of(404));
                RequestProtocol protocol =
                        EurekaTransport.builder().peersRefresh(Duration.ZERO).build()) {
            assertFalse(get(protocol.send(beat(stub.target()), DEADLINE)).reject());
            Response renewal = get(protocol.send(beat(stub.target()), DEADLINE));
            assertTrue(renewal.notRegistered(), renewal.toString());
            assertEquals(Duration.ZERO, renewal.timeout());
            assertFalse(get(protocol.send(beat(stub.target()), DEADLINE)).reject());
            List<String> methods =
                    stub.received.stream().map(StubHttpServer.Received::method).toList();
            assertEquals(List.of("POST", "PUT", "POST"), methods);
            assertTrue(dirty(stub.received.get(2).body())
                    > dirty(stub.received.get(0).body()));
        }
    }

    @Test
    void answersFollowTheRegistrantSentAndAChangedRegistrantRegistersAgain() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(r ->
                        r.method().equals("POST") ? StubHttpServer.Answer.of(204) : StubHttpServer.Answer.of(200));
                RequestProtocol protocol =
                        EurekaTransport.builder().peersRefresh(Duration.ZERO).build()) {
            RegistrantInfo thirty = new RegistrantInfo(
                    "orders-7",
                    "orders",
                    Map.of("address", "10.0.0.7:8080", EurekaTransport.LEASE_DURATION_ATTRIBUTE, "30"));
            RegistrantInfo sixty = new RegistrantInfo(
                    "orders-7",
                    "orders",
                    Map.of("address", "10.0.0.7:8080", EurekaTransport.LEASE_DURATION_ATTRIBUTE, "60"));
            OutgoingRequest first = new OutgoingRequest(Request.beat(thirty), stub.target());
            assertEquals(
                    Duration.ofSeconds(30), get(protocol.send(first, DEADLINE)).timeout());
            Response renewed = get(protocol.send(first, DEADLINE));
            assertEquals(Duration.ofSeconds(30), renewed.timeout());
            assertEquals(
                    renewed.registry(),
                    get(protocol.send(first, Duration.ofSeconds(3))).registry());
            Response changed = get(protocol.send(new OutgoingRequest(Request.beat(sixty), stub.target()), DEADLINE));
            assertEquals(
                    Duration.ofSeconds(60), changed.timeout(), "the lease of the registrant sent, not the cached one");
            List<String> methods =
                    stub.received.stream().map(StubHttpServer.Received::method).toList();
            // the changed registrant registers again: a renewal would leave the old document in place
            assertEquals(List.of("POST", "PUT", "PUT", "POST"), methods);
            assertTrue(stub.received.get(3).body().contains("\"durationInSecs\":60"));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> protocol.send(
                            new OutgoingRequest(
                                    Request.beat(new RegistrantInfo(
                                            "orders-7", "orders", Map.of(EurekaTransport.PORT_ATTRIBUTE, "0"))),
                                    stub.target()),
                            DEADLINE),
                    "a changed registrant is checked again");
        }
    }

    static long dirty(String document) {
        Matcher matcher = Pattern.compile("\"lastDirtyTimestamp\":\"(\\d+)\"").matcher(document);
        assertTrue(matcher.find(), document);
        return Long.parseLong(matcher.group(1));
    }

    @Test
    void basicCredentialsAreSentAndNeverShown() throws Exception {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString("heart:s3cret!".getBytes(StandardCharsets.UTF_8));
        Credentials credentials =
                Credentials.of("heart", "s3cret!".toCharArray()).allowPlaintextCredentials();
        try (StubHttpServer stub =
                        new StubHttpServer(r -> expected.equals(r.headers().get("authorization"))
                                ? StubHttpServer.Answer.of(204)
                                : StubHttpServer.Answer.of(401));
                RequestProtocol with = EurekaTransport.builder()
                        .credentials(credentials)
                        .peersRefresh(Duration.ZERO)
                        .build();
                RequestProtocol without =
                        EurekaTransport.builder().peersRefresh(Duration.ZERO).build()) {
            assertFalse(get(with.send(beat(stub.target()), DEADLINE)).reject());
            Response refused = get(without.send(beat(stub.target()), DEADLINE));
            assertEquals(RejectReason.FORBIDDEN, refused.rejectReason());
            assertFalse(with.toString().contains("s3cret"), with.toString());
            assertFalse(BasicAuth.of(credentials).toString().contains("s3cret"));
            assertFalse(new EurekaSettings(
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(3),
                            Duration.ofSeconds(1),
                            Duration.ZERO,
                            List.of(),
                            credentials,
                            null,
                            1,
                            1,
                            1)
                    .toString()
                    .contains("s3cret"));
            IllegalArgumentException inUri = assertThrows(
                    IllegalArgumentException.class,
                    () -> with.send(beat(URI.create("eureka://heart:s3cret!@127.0.0.1:8761/eureka")), DEADLINE));
            assertFalse(inUri.getMessage().contains("s3cret"), inUri.getMessage());
            assertTrue(inUri.getMessage().contains("credentials(...)"), inUri.getMessage());
        }
    }

    @Test
    void credentialsAreNeverSentOverPlainHttpUnlessAllowedByName() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(r -> StubHttpServer.Answer.of(204));
                RequestProtocol tlsOnly = EurekaTransport.builder()
                        .peersRefresh(Duration.ZERO)
                        .credentials(Credentials.of("heart", "s3cret!".toCharArray()))
                        .build();
                RequestProtocol fromEnvironment = EurekaTransportProvider.create(Map.of(
                        EurekaTransportProvider.USERNAME_VARIABLE,
                        "heart",
                        EurekaTransportProvider.PASSWORD_VARIABLE,
                        "s3cret!"))) {
            for (RequestProtocol protocol : List.of(tlsOnly, fromEnvironment)) {
                NoTransportException refused =
                        assertThrows(NoTransportException.class, () -> protocol.check(stub.target()));
                assertTrue(
                        refused.getMessage().contains("in clear to eureka://")
                                && refused.getMessage().contains("allowPlaintextCredentials()"),
                        refused.getMessage());
                assertFalse(refused.getMessage().contains("s3cret"));
                assertThrows(IllegalArgumentException.class, () -> protocol.send(beat(stub.target()), DEADLINE));
                protocol.check(URI.create("eurekas://127.0.0.1:8443/eureka")); // HTTPS: accepted
            }
            assertEquals(0, stub.received.size(), "nothing reached the plain HTTP server");
        }
    }

    @Test
    void anHttpsServerNeverOffersPlainHttpReplicasAsCandidates() {
        Target secure = Target.of(URI.create("eurekas://10.0.0.1:8443/eureka"));
        Target plain = Target.of(URI.create("eureka://10.0.0.1:8761/eureka"));
        List<URI> reported = List.of(
                URI.create("eureka://10.0.0.2:8761/eureka"),
                URI.create("eurekas://10.0.0.3:8443/eureka"),
                URI.create("eurekas://10.0.0.1:8443/eureka"));
        assertEquals(List.of(URI.create("eurekas://10.0.0.3:8443/eureka")), Peers.without(secure, List.of(), reported));
        assertEquals(
                List.of(
                        URI.create("eureka://10.0.0.2:8761/eureka"),
                        URI.create("eurekas://10.0.0.3:8443/eureka"),
                        URI.create("eurekas://10.0.0.1:8443/eureka")),
                Peers.without(plain, List.of(), reported));
    }

    @Test
    void exchangesPerServerAreBoundedSoConnectionsAreToo() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(r -> {
                    pause(20);
                    return StubHttpServer.Answer.of(204);
                });
                RequestProtocol protocol = EurekaTransport.builder()
                        .maxConnections(3)
                        .peersRefresh(Duration.ZERO)
                        .build()) {
            List<CompletableFuture<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                answers.add(protocol.send(
                        new OutgoingRequest(Request.beat(RegistrantInfo.of("b-" + i, "bounded")), stub.target()),
                        Duration.ofSeconds(30)));
            }
            for (CompletableFuture<Response> answer : answers) {
                assertFalse(get(answer).reject());
            }
            assertEquals(60, stub.received.size());
            assertTrue(stub.maxOpenConnections() <= 3, "open at once: " + stub.maxOpenConnections());
            assertTrue(stub.connections() <= 3, "connections reused: " + stub.connections());
        }
    }

    @Test
    void aCancelledExchangeIsReleasedAndFreesItsSlot() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(
                        r -> r.target().contains("HANG") ? StubHttpServer.HANG : StubHttpServer.Answer.of(204));
                EurekaClient protocol = (EurekaClient) EurekaTransport.builder()
                        .maxConnections(1)
                        .peersRefresh(Duration.ZERO)
                        .build()) {
            URI target = stub.target();
            CompletableFuture<Response> hanging = protocol.send(
                    new OutgoingRequest(Request.beat(RegistrantInfo.of("x", "hang")), target), Duration.ofSeconds(60));
            awaitTrue("the exchange reached the server", () -> stub.received.size() == 1);
            assertEquals(1, protocol.activeExchanges(target));
            hanging.cancel(true);
            awaitTrue("released", () -> protocol.pendingCount() == 0 && protocol.activeExchanges(target) == 0);
            assertFalse(get(protocol.send(beat(target), DEADLINE)).reject(), "the only slot is free again");
        }
    }

    @Test
    void anUnansweredExchangeFailsAtItsDeadline() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(r -> StubHttpServer.HANG);
                EurekaClient protocol = (EurekaClient)
                        EurekaTransport.builder().peersRefresh(Duration.ZERO).build()) {
            ExecutionException failed = assertThrows(
                    ExecutionException.class,
                    () -> protocol.send(beat(stub.target()), Duration.ofMillis(300))
                            .get(30, TimeUnit.SECONDS));
            TransportException cause = assertInstanceOf(TransportException.class, failed.getCause());
            assertEquals(stub.target(), cause.target());
            assertTrue(cause.getMessage().contains("no answer in time"), cause.getMessage());
            awaitTrue("released", () -> protocol.pendingCount() == 0);
        }
    }

    @Test
    void anUnreachableServerIsATransportExceptionWithTheConnectionCause() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("eureka://127.0.0.1:" + socket.getLocalPort() + "/eureka");
        }
        try (RequestProtocol protocol = EurekaTransport.create()) {
            ExecutionException failed = assertThrows(
                    ExecutionException.class,
                    () -> protocol.send(beat(closed), DEADLINE).get(30, TimeUnit.SECONDS));
            TransportException cause = assertInstanceOf(TransportException.class, failed.getCause());
            assertEquals(closed, cause.target());
            assertTrue(hasCause(cause, ConnectException.class), "connection cause in " + cause);
        }
    }

    @Test
    void aServerErrorIsATransportExceptionNamingTheStatus() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(r -> new StubHttpServer.Answer(500, "boom", "text/plain"));
                RequestProtocol protocol =
                        EurekaTransport.builder().peersRefresh(Duration.ZERO).build()) {
            ExecutionException failed = assertThrows(
                    ExecutionException.class,
                    () -> protocol.send(beat(stub.target()), DEADLINE).get(30, TimeUnit.SECONDS));
            TransportException cause = assertInstanceOf(TransportException.class, failed.getCause());
            assertTrue(cause.getMessage().contains("POST /eureka/apps/ORDERS answered HTTP 500"), cause.getMessage());
        }
    }

    @Test
    void replicasTheServerReportsAreCandidatesAfterTheConfiguredPeersAndWithoutItself() throws Exception {
        StubHttpServer[] self = new StubHttpServer[1];
        try (StubHttpServer stub = new StubHttpServer(r -> {
                    if (r.path().equals("/eureka/status")) {
                        int port = self[0].target().getPort();
                        return new StubHttpServer.Answer(
                                200,
                                "<com.netflix.eureka.util.StatusInfo><applicationStats>"
                                        + "<registered-replicas>http://127.0.0.1:" + port
                                        + "/eureka/,http://user:pw@10.0.0.2:8761/eureka/,"
                                        + "https://10.0.0.3:8443/eureka/</registered-replicas>"
                                        + "<available-replicas>https://10.0.0.3:8443/eureka/</available-replicas>"
                                        + "</applicationStats></com.netflix.eureka.util.StatusInfo>",
                                "application/xml");
                    }
                    return StubHttpServer.Answer.of(204);
                });
                RequestProtocol protocol = EurekaTransport.builder()
                        .peers(List.of(URI.create("eureka://10.0.0.9:8761/eureka")))
                        .build()) {
            self[0] = stub;
            Response response = get(protocol.send(beat(stub.target()), DEADLINE));
            assertEquals(
                    List.of(
                            URI.create("eureka://10.0.0.9:8761/eureka"),
                            URI.create("eurekas://10.0.0.3:8443/eureka"),
                            URI.create("eureka://10.0.0.2:8761/eureka")),
                    response.registry().candidates());
            for (int i = 0; i < 10; i++) {
                assertEquals(
                        response.registry().candidates(),
                        get(protocol.send(beat(stub.target()), DEADLINE))
                                .registry()
                                .candidates());
            }
            long statusRequests = stub.received.stream()
                    .filter(r -> r.path().equals("/eureka/status"))
                    .count();
            assertEquals(1, statusRequests, "the status is reused within peersRefresh");
            assertEquals(
                    "application/xml",
                    stub.received.stream()
                            .filter(r -> r.path().equals("/eureka/status"))
                            .findFirst()
                            .orElseThrow()
                            .headers()
                            .get("accept"));
        }
    }

    @Test
    void closeFailsPendingSendsAndStopsItsThreads() throws Exception {
        try (StubHttpServer stub = new StubHttpServer(r -> StubHttpServer.HANG)) {
            RequestProtocol protocol =
                    EurekaTransport.builder().peersRefresh(Duration.ZERO).build();
            CompletableFuture<Response> pending = protocol.send(beat(stub.target()), Duration.ofSeconds(60));
            awaitTrue("the exchange reached the server", () -> stub.received.size() == 1);
            assertTrue(threads() > 0, "heart-eureka-http threads run while it is open");
            protocol.close();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> pending.get(30, TimeUnit.SECONDS));
            assertInstanceOf(TransportException.class, failed.getCause());
            awaitTrue("its threads stopped", () -> threads() == 0);
            ExecutionException after = assertThrows(
                    ExecutionException.class,
                    () -> protocol.send(beat(stub.target()), DEADLINE).get(30, TimeUnit.SECONDS));
            assertTrue(
                    after.getCause().getMessage().contains("closed"),
                    after.getCause().getMessage());
        }
    }

    static long threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("heart-eureka-http-"))
                .count();
    }

    static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
        assertNotNull(what);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
