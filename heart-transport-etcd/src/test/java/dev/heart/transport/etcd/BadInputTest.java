package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public entry point with bad input: refused at once, with a message naming what is wrong. */
class BadInputTest {
    static final RequestProtocol PROTOCOL = EtcdTransport.create();
    static final RegistrantInfo WHO = RegistrantInfo.of("a", "b");
    static final Duration SECOND = Duration.ofSeconds(1);

    @AfterAll
    static void close() {
        PROTOCOL.close();
    }

    static OutgoingRequest to(String target) {
        return new OutgoingRequest(Request.beat(WHO), URI.create(target));
    }

    static OutgoingRequest withTtl(String ttl) {
        return new OutgoingRequest(
                Request.beat(new RegistrantInfo("a", "b", Map.of(EtcdTransport.TTL_ATTRIBUTE, ttl))),
                URI.create("etcd://127.0.0.1:2379"));
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                bad("request", NullPointerException.class, () -> PROTOCOL.send(null, SECOND)),
                bad("deadline", NullPointerException.class, () -> PROTOCOL.send(to("etcd://127.0.0.1:2379"), null)),
                bad(
                        "deadline",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("etcd://127.0.0.1:2379"), Duration.ZERO)),
                bad(
                        "a port is missing",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("etcd://127.0.0.1"), SECOND)),
                bad(
                        "a port is missing",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("etcd://localhost/"), SECOND)),
                bad(
                        "a host is missing",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("etcd:opaque"), SECOND)),
                bad(
                        "scheme must be 'etcd' or 'etcds'",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("tcp://127.0.0.1:2379"), SECOND)),
                bad(
                        "only host and port",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("etcd://127.0.0.1:2379/v3/kv"), SECOND)),
                bad("etcd.ttl", IllegalArgumentException.class, () -> PROTOCOL.send(withTtl("0"), SECOND)),
                bad("etcd.ttl", IllegalArgumentException.class, () -> PROTOCOL.send(withTtl("1.5"), SECOND)),
                bad("etcd.ttl", IllegalArgumentException.class, () -> PROTOCOL.send(withTtl("soon"), SECOND)),
                bad("registrant", NullPointerException.class, () -> EtcdTransport.key(null)),
                bad(
                        "defaultTtl",
                        NullPointerException.class,
                        () -> EtcdTransport.builder().defaultTtl(null)),
                bad(
                        "defaultTtl",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().defaultTtl(Duration.ofMillis(1500))),
                bad(
                        "defaultTtl",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().defaultTtl(Duration.ZERO)),
                bad(
                        "connectTimeout",
                        NullPointerException.class,
                        () -> EtcdTransport.builder().connectTimeout(null)),
                bad(
                        "connectTimeout",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().connectTimeout(Duration.ofSeconds(-1))),
                bad(
                        "membersRefresh",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().membersRefresh(Duration.ofSeconds(-1))),
                bad(
                        "maxLeases",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().maxLeases(0)),
                bad(
                        "threads",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().threads(-1)),
                bad(
                        "keepAliveBatching",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().keepAliveBatching(Duration.ofMillis(-1))),
                bad(
                        "keepAliveBatching",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().keepAliveBatching(Duration.ofSeconds(2))),
                bad(
                        "keepAliveBatching",
                        NullPointerException.class,
                        () -> EtcdTransport.builder().keepAliveBatching(null)),
                bad(
                        "maxInFlight",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().maxInFlight(0)),
                bad(
                        "maxRegistrationsInFlight",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().maxRegistrationsInFlight(0)),
                bad(
                        "maxQueuedRegistrations",
                        IllegalArgumentException.class,
                        () -> EtcdTransport.builder().maxQueuedRegistrations(0)));
    }

    static Arguments bad(String named, Class<? extends Throwable> type, Executable call) {
        return Arguments.of(named, type, call);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badCalls")
    void isRefusedWithAMessageNamingTheProblem(String named, Class<? extends Throwable> type, Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage().contains(named), "'" + thrown.getMessage() + "' should name " + named);
    }

    @org.junit.jupiter.api.Test
    void anEtcdUriWithoutAnAuthorityIsNotEvenAUri() {
        assertThrows(IllegalArgumentException.class, () -> URI.create("etcd://"));
    }
}
