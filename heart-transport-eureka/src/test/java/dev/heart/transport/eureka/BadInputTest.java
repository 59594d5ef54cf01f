package dev.heart.transport.eureka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Heart;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public entry point with bad input: refused at once, with a message naming what is wrong. */
class BadInputTest {
    static final RequestProtocol PROTOCOL = EurekaTransport.create();
    static final RegistrantInfo WHO = RegistrantInfo.of("a", "b");
    static final Duration SECOND = Duration.ofSeconds(1);
    static final String GOOD = "eureka://127.0.0.1:8761/eureka";

    @AfterAll
    static void close() {
        PROTOCOL.close();
    }

    static OutgoingRequest to(String target) {
        return new OutgoingRequest(Request.beat(WHO), URI.create(target));
    }

    static OutgoingRequest with(String attribute, String value) {
        return new OutgoingRequest(
                Request.beat(new RegistrantInfo("a", "b", Map.of(attribute, value))), URI.create(GOOD));
    }

    static Stream<Arguments> badCalls() {
        return Stream.of(
                bad("request", NullPointerException.class, () -> PROTOCOL.send(null, SECOND)),
                bad("deadline", NullPointerException.class, () -> PROTOCOL.send(to(GOOD), null)),
                bad("deadline", IllegalArgumentException.class, () -> PROTOCOL.send(to(GOOD), Duration.ZERO)),
                bad(
                        "a port is missing",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("eureka://127.0.0.1/eureka"), SECOND)),
                bad(
                        "a host is missing",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("eureka:opaque"), SECOND)),
                bad(
                        "the scheme must be 'eureka' or 'eurekas'",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("http://127.0.0.1:8761/eureka"), SECOND)),
                bad(
                        "a query or fragment",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to(GOOD + "?x=1"), SECOND)),
                bad(
                        "credentials(...)",
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(to("eureka://u:p@127.0.0.1:8761/eureka"), SECOND)),
                bad(
                        "a port is missing",
                        NoTransportException.class,
                        () -> PROTOCOL.check(URI.create("eureka://127.0.0.1/eureka"))),
                bad(
                        "credentials(...)",
                        NoTransportException.class,
                        () -> PROTOCOL.check(URI.create("eureka://u:secret@127.0.0.1:8761/eureka"))),
                bad("a port is missing", NoTransportException.class, () -> startAHeart("eureka://127.0.0.1/eureka")),
                bad(
                        EurekaTransport.LEASE_DURATION_ATTRIBUTE,
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(with(EurekaTransport.LEASE_DURATION_ATTRIBUTE, "0"), SECOND)),
                bad(
                        EurekaTransport.LEASE_DURATION_ATTRIBUTE,
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(with(EurekaTransport.LEASE_DURATION_ATTRIBUTE, "1.5"), SECOND)),
                bad(
                        EurekaTransport.RENEWAL_INTERVAL_ATTRIBUTE,
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(with(EurekaTransport.RENEWAL_INTERVAL_ATTRIBUTE, "soon"), SECOND)),
                bad(
                        EurekaTransport.PORT_ATTRIBUTE,
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(with(EurekaTransport.PORT_ATTRIBUTE, "70000"), SECOND)),
                bad(
                        EurekaTransport.SECURE_PORT_ATTRIBUTE,
                        IllegalArgumentException.class,
                        () -> PROTOCOL.send(with(EurekaTransport.SECURE_PORT_ATTRIBUTE, "x"), SECOND)),
                bad("serviceType", NullPointerException.class, () -> EurekaTransport.application(null)),
                bad(
                        "leaseDuration",
                        NullPointerException.class,
                        () -> EurekaTransport.builder().leaseDuration(null)),
                bad(
                        "leaseDuration",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().leaseDuration(Duration.ofMillis(1500))),
                bad(
                        "renewalInterval",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().renewalInterval(Duration.ZERO)),
                bad(
                        "connectTimeout",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().connectTimeout(Duration.ofSeconds(-1))),
                bad(
                        "peersRefresh",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().peersRefresh(Duration.ofSeconds(-1))),
                bad(
                        "the scheme must be",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().peers(List.of(URI.create("tcp://10.0.0.1:7070")))),
                bad(
                        "peers",
                        NullPointerException.class,
                        () -> EurekaTransport.builder().peers(null)),
                bad(
                        "user must not contain ':'",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().credentials(Credentials.of("a:b", "c".toCharArray()))),
                bad(
                        "credentials",
                        NullPointerException.class,
                        () -> EurekaTransport.builder().credentials(null)),
                bad(
                        "tls",
                        NullPointerException.class,
                        () -> EurekaTransport.builder().tls(null)),
                bad(
                        "verifyServerName(false)",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder()
                                .tls(TlsConfig.builder().verifyServerName(false).build())),
                bad(
                        "maxConnections",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().maxConnections(0)),
                bad(
                        "maxRegistrations",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().maxRegistrations(0)),
                bad(
                        "threads",
                        IllegalArgumentException.class,
                        () -> EurekaTransport.builder().threads(0)));
    }

    static void startAHeart(String target) {
        try (Heart heart = Heart.builder(next -> {}).build()) {
            heart.start(to(target), SECOND, 0);
        }
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
}
