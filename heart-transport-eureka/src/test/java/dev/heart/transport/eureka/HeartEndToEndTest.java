package dev.heart.transport.eureka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.BeatingStoppedException;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.Recovery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real {@link Heart}, with the transport found by its scheme on the module path, against a real
 * Spring Cloud Eureka server in a child JVM: the instance is listed while it beats, gone at once
 * on stop, evicted after its lease when its client vanishes, registered again after a 404, and
 * its document and status overrides are what Eureka shows.
 */
class HeartEndToEndTest {
    static final Duration ATTEMPT = Duration.ofSeconds(5);
    static EurekaServer server;

    @BeforeAll
    static void startServer() {
        server = EurekaServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static final Duration LEASE = Duration.ofSeconds(6);

    /** A registrant with a short lease (6 s, renewals every 2 s) so that tests see several. */
    static RegistrantInfo registrant(String id, String service) {
        return new RegistrantInfo(
                id,
                service,
                Map.of(
                        EurekaTransport.LEASE_DURATION_ATTRIBUTE,
                        "6",
                        EurekaTransport.RENEWAL_INTERVAL_ATTRIBUTE,
                        "2",
                        "address",
                        "127.0.0.1:8080",
                        "zone",
                        "z1"));
    }

    @Test
    void aHeartIsListedWhileItBeatsAndGoneAtOnceOnStop() throws Exception {
        RegistrantInfo who = registrant("orders-1", "orders");
        OutgoingRequest first = new OutgoingRequest(Request.beat(who), server.target());
        // Attempts of 2 s (a loaded machine can stall a 1 s one); one failed beat would end it.
        RecordingBeater beater = new RecordingBeater(LeaseFollowingBeater.builder(first)
                .recovery(Recovery.builder()
                        .attempts(Attempts.of(Duration.ofSeconds(2), 3))
                        .build())
                .build());
        try (Heart heart = Heart.builder(beater).build()) {
            Beating beating = heart.start(first, ATTEMPT, 1);
            Await.until("listed", () -> server.instances("orders").contains("orders-1"));
            Await.until("renewed for more than two leases", () -> beater.accepted() >= 8);
            assertEquals(Set.of("orders-1"), server.instances("orders"), "still listed after several leases");
            assertTrue(beater.responses.stream().noneMatch(Response::reject), "no rejection: " + beater.responses);
            assertEquals(LEASE, beater.last().timeout(), "the lease duration, as the timeout");
            assertEquals("127.0.0.1:" + server.port(), beater.last().registry().id());
            assertEquals(server.target(), beater.last().registry().address());

            beating.stop();
            ExecutionException stopped = assertThrowsWithin(beating);
            assertInstanceOf(BeatingStoppedException.class, stopped.getCause());
            assertEquals(Set.of(), server.instances("orders"), "cancelled on stop, not left to expire");
        }
    }

    @Test
    void aClientThatVanishesWithoutCancellingIsEvictedAfterItsLease() throws Exception {
        RegistrantInfo who = registrant("ghost-1", "ghosts");
        OutgoingRequest beat = new OutgoingRequest(Request.beat(who), server.target());
        RequestProtocol protocol = EurekaTransport.create();
        try {
            for (int i = 0; i < 3; i++) {
                Response response = protocol.send(beat, ATTEMPT).get(30, TimeUnit.SECONDS);
                assertFalse(response.reject(), "beat " + i + ": " + response);
            }
            assertEquals(Set.of("ghost-1"), server.instances("ghosts"), "listed right after its last renewal");
        } finally {
            protocol.close(); // the client dies: no cancel is sent
        }
        Await.until(
                "evicted once its 6 s lease passed",
                () -> server.instances("ghosts").isEmpty());
    }

    @Test
    void aRenewalTheServerDoesNotKnowIsNotRegisteredAndTheNextBeatRegistersAgain() throws Exception {
        RegistrantInfo who = registrant("removed-1", "removed");
        OutgoingRequest beat = new OutgoingRequest(Request.beat(who), server.target());
        try (RequestProtocol protocol = EurekaTransport.create()) {
            assertFalse(protocol.send(beat, ATTEMPT).get(30, TimeUnit.SECONDS).reject());
            assertEquals(200, delete("/eureka/apps/REMOVED/removed-1"), "an operator removes it");
            assertEquals(Set.of(), server.instances("removed"));

            Response renewal = protocol.send(beat, ATTEMPT).get(30, TimeUnit.SECONDS);
            assertTrue(renewal.notRegistered(), "404 on renewal: " + renewal);
            Response again = protocol.send(beat, ATTEMPT).get(30, TimeUnit.SECONDS);
            assertFalse(again.reject(), "registered again: " + again);
            assertNull(again.rejectReason());
            assertEquals(Set.of("removed-1"), server.instances("removed"));

            Response cancelled = protocol.send(
                            new OutgoingRequest(beat.request().asDisconnect(), server.target()), ATTEMPT)
                    .get(30, TimeUnit.SECONDS);
            assertEquals(RejectReason.DISCONNECTED, cancelled.rejectReason());
            assertEquals(Set.of(), server.instances("removed"));
        }
    }

    @Test
    void theInstanceDocumentIsWhatEurekaShows() throws Exception {
        RegistrantInfo who = new RegistrantInfo(
                "doc-1",
                "documents",
                Map.of(
                        "address",
                        "10.1.2.3:8443",
                        EurekaTransport.HOST_NAME_ATTRIBUTE,
                        "doc-1.example",
                        EurekaTransport.SECURE_PORT_ATTRIBUTE,
                        "9443",
                        EurekaTransport.LEASE_DURATION_ATTRIBUTE,
                        "40",
                        EurekaTransport.RENEWAL_INTERVAL_ATTRIBUTE,
                        "10",
                        "version",
                        "1.2 \"quoted\" ü"));
        OutgoingRequest beat = new OutgoingRequest(Request.beat(who), server.target());
        try (RequestProtocol protocol = EurekaTransport.create()) {
            Response response = protocol.send(beat, ATTEMPT).get(30, TimeUnit.SECONDS);
            assertEquals(Duration.ofSeconds(40), response.timeout());
            assertEquals("DOCUMENTS", response.registry().attributes().get("eureka.app"));
            String shown = server.get("/eureka/apps/DOCUMENTS/doc-1").body();
            for (String expected : new String[] {
                "\"hostName\":\"doc-1.example\"",
                "\"ipAddr\":\"10.1.2.3\"",
                "\"app\":\"DOCUMENTS\"",
                "\"status\":\"UP\"",
                "\"$\":8443",
                "\"$\":9443",
                "\"renewalIntervalInSecs\":10",
                "\"durationInSecs\":40",
                "\"vipAddress\":\"documents\"",
                "\"version\":\"1.2 \\\"quoted\\\" ü\"",
                "\"address\":\"10.1.2.3:8443\""
            }) {
                assertTrue(shown.contains(expected), expected + " in " + shown);
            }
            assertFalse(shown.contains("eureka.hostName"), "eureka.* attributes are not metadata: " + shown);
            protocol.send(new OutgoingRequest(beat.request().asDisconnect(), server.target()), ATTEMPT)
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStatusOverrideSetOnTheServerIsLeftAlone() throws Exception {
        RegistrantInfo who = registrant("maintained-1", "maintained");
        OutgoingRequest beat = new OutgoingRequest(Request.beat(who), server.target());
        try (RequestProtocol protocol = EurekaTransport.create()) {
            assertFalse(protocol.send(beat, ATTEMPT).get(30, TimeUnit.SECONDS).reject());
            assertEquals(200, put("/eureka/apps/MAINTAINED/maintained-1/status?value=OUT_OF_SERVICE"));
            for (int i = 0; i < 3; i++) {
                assertFalse(
                        protocol.send(beat, ATTEMPT).get(30, TimeUnit.SECONDS).reject());
            }
            String shown = server.get("/eureka/apps/MAINTAINED/maintained-1").body();
            assertTrue(shown.contains("\"status\":\"OUT_OF_SERVICE\""), shown);
            assertTrue(
                    shown.contains("\"overriddenStatus\":\"OUT_OF_SERVICE\"")
                            || shown.contains("\"overriddenstatus\":\"OUT_OF_SERVICE\""),
                    shown);
            protocol.send(new OutgoingRequest(beat.request().asDisconnect(), server.target()), ATTEMPT)
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void manyInstancesAtOnceThroughFewConnectionsEachGetTheirAnswer() throws Exception {
        int count = 300;
        try (RequestProtocol protocol =
                EurekaTransport.builder().maxConnections(2).build()) {
            var answers = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Response>>();
            for (int i = 0; i < count; i++) {
                answers.add(protocol.send(
                        new OutgoingRequest(Request.beat(registrant("m-" + i, "many")), server.target()),
                        Duration.ofSeconds(60)));
            }
            for (var answer : answers) {
                assertFalse(answer.get(90, TimeUnit.SECONDS).reject());
            }
            assertEquals(count, server.instances("many").size());
            for (int i = 0; i < count; i++) {
                answers.set(
                        i,
                        protocol.send(
                                new OutgoingRequest(
                                        Request.beat(registrant("m-" + i, "many"))
                                                .asDisconnect(),
                                        server.target()),
                                Duration.ofSeconds(60)));
            }
            for (var answer : answers) {
                assertEquals(
                        RejectReason.DISCONNECTED,
                        answer.get(90, TimeUnit.SECONDS).rejectReason());
            }
            assertEquals(Set.of(), server.instances("many"));
        }
    }

    static ExecutionException assertThrowsWithin(Beating beating) throws Exception {
        try {
            beating.completion().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e;
        }
        throw new AssertionError("the beating completed normally");
    }

    static int delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .DELETE());
    }

    static int put(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    private static int send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient()
                .send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
