package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** Configuration errors fail at build time (or at the first check of a target) naming the setting; no secret in any message. */
class BadInputTest {
    static final Duration SECOND = Duration.ofSeconds(1);

    static String message(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }

    @Test
    void builderSettingsAreCheckedAndNamed() throws Exception {
        assertTrue(message(() -> ZooKeeperTransport.builder().sessionTimeout(Duration.ofMillis(500)))
                .contains("sessionTimeout"));
        assertTrue(message(() -> ZooKeeperTransport.builder().root("services")).contains("root"));
        assertTrue(message(() -> ZooKeeperTransport.builder().root("/a//b")).contains("root"));
        assertTrue(
                message(() -> ZooKeeperTransport.builder().maxRegistrations(0)).contains("maxRegistrations"));
        TlsConfig given =
                TlsConfig.builder().sslContext(SSLContext.getDefault()).build();
        assertTrue(message(() -> ZooKeeperTransport.builder().tls(given))
                .contains("tls: the ZooKeeper transport cannot use a given SSLContext"));
        assertThrows(
                NullPointerException.class, () -> ZooKeeperTransport.builder().credentials(null));
        assertThrows(
                NullPointerException.class, () -> ZooKeeperTransport.builder().tls(null));
    }

    @Test
    void badTargetsAreRefusedAtCheckAndSend() {
        try (RequestProtocol zk = ZooKeeperTransport.create()) {
            for (String bad : new String[] {
                "zk:///x",
                "zk://host",
                "zk://host:0",
                "zk://host:2181,",
                "zk://h:1/chroot/",
                "zk://user:pw@h:1",
                "zk://h:1?x=1",
                "tcp://h:1",
                "zk://h:99999"
            }) {
                URI target = URI.create(bad);
                NoTransportException e = assertThrows(NoTransportException.class, () -> zk.check(target), bad);
                assertTrue(e.getMessage().contains("target must be zk://"), e.getMessage());
                assertFalse(e.getMessage().contains("pw@") && !bad.contains("pw@"), e.getMessage());
                assertThrows(
                        IllegalArgumentException.class,
                        () -> zk.send(new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "s")), target), SECOND),
                        bad);
            }
            zk.check(URI.create("zk://127.0.0.1:2181,localhost:2182,10.0.0.3:2183/apps/heart"));
            zk.check(URI.create("zks://[::1]:2281"));
        }
    }

    @Test
    void badRegistrantsAreRefusedAtSend() {
        try (RequestProtocol zk = ZooKeeperTransport.create()) {
            URI target = URI.create("zk://127.0.0.1:1");
            for (RegistrantInfo bad :
                    new RegistrantInfo[] {RegistrantInfo.of("a/b", "s"), RegistrantInfo.of("..", "s")}) {
                String m = message(() -> zk.send(new OutgoingRequest(Request.beat(bad), target), SECOND));
                assertTrue(m.contains("znode name"), m);
            }
            // a malformed address is refused earlier still, when the registrant is built
            for (String address : new String[] {"host:notaport", "host:70000", "[::1"}) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> new RegistrantInfo("a", "s", Map.of("address", address)));
                assertTrue(e.getMessage().contains("address"), e.getMessage());
            }
        }
    }

    @Test
    void credentialsOverPlaintextAreRefusedUnlessAllowedAndNeverShown() {
        Credentials credentials = Credentials.of("heart", "hunter2-secret".toCharArray());
        ZooKeeperTransport.Builder builder = ZooKeeperTransport.builder().credentials(credentials);
        assertFalse(builder.toString().contains("hunter2"), builder.toString());
        try (RequestProtocol zk = builder.build()) {
            URI plain = URI.create("zk://127.0.0.1:2181");
            NoTransportException e = assertThrows(NoTransportException.class, () -> zk.check(plain));
            assertTrue(e.getMessage().contains("Credentials.allowPlaintextCredentials()"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            zk.check(URI.create("zks://127.0.0.1:2181"));
        }
        try (RequestProtocol zk =
                builder.credentials(credentials.allowPlaintextCredentials()).build()) {
            zk.check(URI.create("zk://127.0.0.1:2181"));
            assertFalse(zk.toString().contains("hunter2"));
        }
    }
}
