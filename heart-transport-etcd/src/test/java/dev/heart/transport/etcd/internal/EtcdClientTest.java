package dev.heart.transport.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import dev.heart.transport.etcd.EtcdTransport;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol against one real etcd: what each beat does to etcd, and what it answers. */
class EtcdClientTest {
    static final Duration DEADLINE = Duration.ofSeconds(5);
    static EtcdCluster etcd;
    static URI target;
    EtcdClient client;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdCluster.start(1);
        target = etcd.member(0).target();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @BeforeEach
    void open() {
        client = new EtcdClient(new EtcdSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ZERO, 100, 1));
    }

    @AfterEach
    void close() {
        client.close();
    }

    static RegistrantInfo registrant(String id) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("etcd.ttl", "5");
        attributes.put("zone", "eu-1");
        return new RegistrantInfo(id, "orders", attributes);
    }

    Response send(RegistrantInfo who, boolean disconnect) throws Exception {
        return client.send(new OutgoingRequest(new Request(who, disconnect), target), DEADLINE)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void firstBeatGrantsALeaseAndPutsTheAttributesUnderIt() throws Exception {
        RegistrantInfo who = registrant("first");
        Response response = send(who, false);

        assertFalse(response.reject());
        assertEquals(Duration.ofSeconds(5), response.timeout());
        assertEquals(target, response.registry().address());
        assertEquals("orders", response.registry().serviceType());
        assertEquals(List.of(), response.registry().candidates(), "a single member has no other member");
        assertEquals("m0", response.registry().attributes().get("etcd.member.name"));
        EtcdProbe.Entry entry = EtcdProbe.get(target, "/heart/orders/first").orElseThrow();
        assertNotEquals(0, entry.lease());
        assertEquals("{\"etcd.ttl\":\"5\",\"zone\":\"eu-1\"}", entry.value(), "attributes in their order");
        assertEquals(1, client.leaseCount());
    }

    @Test
    void laterBeatsKeepTheSameLeaseAlive() throws Exception {
        RegistrantInfo who = registrant("later");
        send(who, false);
        long lease = EtcdProbe.get(target, "/heart/orders/later").orElseThrow().lease();

        Response again = send(who, false);

        assertFalse(again.reject());
        assertEquals(Duration.ofSeconds(5), again.timeout());
        assertEquals(lease, EtcdProbe.get(target, "/heart/orders/later").orElseThrow().lease());
    }

    @Test
    void aLeaseGoneBehindItsBackIsRejectedThenRegisteredAgain() throws Exception {
        RegistrantInfo who = registrant("gone");
        send(who, false);
        long lease = EtcdProbe.get(target, "/heart/orders/gone").orElseThrow().lease();
        EtcdProbe.revoke(target, lease);

        Response rejected = send(who, false);
        assertTrue(rejected.reject());
        assertEquals(Duration.ZERO, rejected.timeout());
        assertEquals(0, client.leaseCount(), "a rejected lease is forgotten");

        Response registered = send(who, false);
        assertFalse(registered.reject());
        assertNotEquals(lease, EtcdProbe.get(target, "/heart/orders/gone").orElseThrow().lease());
    }

    @Test
    void disconnectRevokesTheLeaseAndTheKeyGoesAtOnce() throws Exception {
        RegistrantInfo who = registrant("leaving");
        send(who, false);

        Response response = send(who, true);

        assertTrue(response.reject());
        assertTrue(EtcdProbe.get(target, "/heart/orders/leaving").isEmpty());
        assertEquals(0, client.leaseCount());
        assertTrue(send(who, true).reject(), "a disconnect without a lease is still answered");
    }

    @Test
    void etcdsOwnErrorBecomesATransportExceptionWithEtcdsMessage() {
        RegistrantInfo who = new RegistrantInfo("huge", "orders", Map.of(EtcdTransport.TTL_ATTRIBUTE, "9000000001"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> send(who, false));
        EtcdError error = assertInstanceOf(EtcdError.class, failure.getCause());
        assertTrue(error.getMessage().contains("too large lease TTL"), error.getMessage());
        assertEquals(target, error.target());
        assertEquals(0, client.leaseCount());
    }

    @Test
    void anUnreachableMemberFailsWithTheConnectionCause() {
        URI nobody = URI.create("etcd://127.0.0.1:" + EtcdServer.freePort());
        CompletableFuture<Response> future = client.send(
                new OutgoingRequest(Request.beat(registrant("lost")), nobody), DEADLINE);
        ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        TransportException error = assertInstanceOf(TransportException.class, failure.getCause());
        assertInstanceOf(ConnectException.class, error.getCause());
        assertEquals(nobody, error.target());
    }
}
