package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Black box, as a user's class path sees the module: {@link Transports} finds the {@code zk} and
 * {@code zks} schemes through META-INF/services, and the jar reserves the module name. (Not the
 * module path: zookeeper-3.9.5.jar and zookeeper-jute-3.9.5.jar split the packages
 * org.apache.zookeeper.server.quorum and ...server.persistence, so as automatic modules they cannot
 * be resolved together; the first assertion proves this test runs on the class path.)
 */
class ClassPathBlackBoxTest {

    @Test
    void transportsFindsBothSchemesOnTheClassPath() {
        assertFalse(ZooKeeperTransport.class.getModule().isNamed(), "runs on the class path");
        Map<String, TransportProvider> providers = Transports.providers();
        for (String scheme : new String[] {"zk", "zks"}) {
            TransportProvider provider = providers.get(scheme);
            assertNotNull(provider, scheme + " not found; providers: " + providers.keySet());
            assertEquals("heart-transport-zookeeper", provider.artifact());
            try (RequestProtocol protocol = provider.create()) {
                assertNotNull(protocol);
            }
        }
    }

    @Test
    void shipsAServicesFileAndReservesTheModuleName() throws Exception {
        try (InputStream in = ZooKeeperTransport.class
                .getClassLoader()
                .getResourceAsStream("META-INF/services/dev.heart.api.spi.TransportProvider")) {
            assertNotNull(in, "META-INF/services file missing");
        }
        String services = new String(
                ZooKeeperTransport.class
                        .getClassLoader()
                        .getResources("META-INF/services/dev.heart.api.spi.TransportProvider")
                        .nextElement()
                        .openStream()
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertFalse(services.isBlank());
        java.nio.file.Path pom = java.nio.file.Path.of("pom.xml");
        String text = java.nio.file.Files.readString(pom);
        assertFalse(
                !text.contains("<Automatic-Module-Name>dev.heart.transport.zookeeper</Automatic-Module-Name>"),
                "the jar's manifest names the module");
    }
}
