package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.transport.zookeeper.ZooKeeperTransport;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkServer;
import dev.heart.transport.zookeeper.tls.TestCertificates;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * heart.zookeeper.*: the ZooKeeper transport configured from properties (digest credentials here),
 * registering with a real ZooKeeper server in a child JVM; the znode read back from ZooKeeper.
 */
class ZooKeeperRegistrationTest {

    @Test
    void withDigestCredentialsTheZnodeHoldsTheInstanceAndOnlyOurIdentityMayChangeIt() throws Exception {
        AtomicReference<Status> health = new AtomicReference<>(Status.UP);
        try (ZkServer server = zooKeeper();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            String path;
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApp.class)
                    .initializers(c -> c.getBeanFactory().registerSingleton("switchHealthIndicator", (HealthIndicator)
                            () -> Health.status(health.get()).build()))
                    .properties(
                            "server.port=0",
                            "server.address=127.0.0.1",
                            "heart.shutdown.drain-delay=0s",
                            "spring.main.banner-mode=off",
                            "spring.application.name=orders",
                            "heart.registry=zk://" + server.hostPort(),
                            "heart.registrant.attributes.zone=eu-1",
                            "heart.registrant.health-as-status=true",
                            "heart.zookeeper.user=orders",
                            "heart.zookeeper.password=s3cret-zk",
                            "heart.zookeeper.allow-plaintext-credentials=true",
                            "heart.zookeeper.session-timeout=6s",
                            "management.endpoints.web.exposure.include=health,configprops,env",
                            "management.endpoint.configprops.show-values=always",
                            "management.endpoint.env.show-values=always")
                    .run()) {
                HeartRegistration registration = context.getBean(HeartRegistration.class);
                String id = registration.registrant().id();
                int port = TestApp.port(context);
                path = ZooKeeperTransport.path(registration.registrant());
                assertEquals("/services/orders/" + id, path);
                Await.until("the znode " + path + " in ZooKeeper", () -> exists(probe, path));

                String data = probe.data(path);
                String expected = "{\"name\":\"orders\",\"id\":\"" + id + "\",\"address\":\"127.0.0.1\",\"port\":"
                        + port + ",\"sslPort\":null,\"payload\":{\"@class\":\"" + ZooKeeperTransport.PAYLOAD_CLASS
                        + "\",\"id\":\"" + id + "\",\"name\":\"orders\",\"metadata\":{\"port\":\"" + port
                        + "\",\"zone\":\"eu-1\",\"status\":\"UP\"}},\"registrationTimeUTC\":";
                assertTrue(data.startsWith(expected), data);
                assertTrue(data.contains(",\"serviceType\":\"DYNAMIC\","), data);

                // the digest identity alone may change it; everyone may read it
                List<ACL> acl = probe.acl(path);
                assertTrue(
                        acl.stream()
                                .anyMatch(a -> a.getId().getScheme().equals("digest")
                                        && a.getId().getId().startsWith("orders:")
                                        && a.getPerms() == ZooDefs.Perms.ALL),
                        acl.toString());
                assertTrue(
                        acl.stream()
                                .anyMatch(a -> a.getId().equals(ZooDefs.Ids.ANYONE_ID_UNSAFE)
                                        && a.getPerms() == ZooDefs.Perms.READ),
                        acl.toString());
                assertEquals(2, acl.size(), acl.toString());

                // the health as status: the transport writes the znode's data again
                health.set(Status.DOWN);
                Await.until("status DOWN in the znode", () -> data(probe, path).contains("\"status\":\"DOWN\""));

                for (String shown : new String[] {"/actuator/configprops", "/actuator/env"}) {
                    HttpResponse<String> answer = TestApp.http(context, "GET", shown);
                    assertEquals(200, answer.statusCode(), shown);
                    assertFalse(answer.body().contains("s3cret-zk"), shown + " shows the password: " + answer.body());
                    assertTrue(answer.body().contains("heart.zookeeper.user"), shown + ": " + answer.body());
                }
            }
            assertNull(probe.stat(path), "the znode outlived the application");
        }
    }

    @Test
    void overMutualTlsWithTheCaBundleAndTheClientCertificateFromProperties(@TempDir Path dir) throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca(dir, "test-ca");
        TestCertificates.Issued serverCert = TestCertificates.server(dir, "zk-server", ca);
        TestCertificates.Issued client =
                TestCertificates.client(dir, "orders", ca, false, TestCertificates.KeyFormat.PKCS8);
        Path serverStore = dir.resolve("server-store.pem");
        Files.writeString(
                serverStore, Files.readString(serverCert.keyFile()) + Files.readString(serverCert.certFile()));
        int securePort = ZkServer.freePort();
        try (ZkServer server = zooKeeper(java.util.Map.of(
                        "secureClientPort", Integer.toString(securePort),
                        "secureClientPortAddress", "127.0.0.1",
                        "serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory",
                        "ssl.keyStore.location", serverStore.toString(),
                        "ssl.keyStore.type", "PEM",
                        "ssl.trustStore.location", ca.certFile().toString(),
                        "ssl.trustStore.type", "PEM",
                        "ssl.clientAuth", "need",
                        "ssl.clientHostnameVerification", "false"));
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            String path;
            try (ConfigurableApplicationContext context = TestApp.plain(
                    "spring.application.name=secure",
                    "heart.registry=zks://127.0.0.1:" + securePort,
                    "heart.zookeeper.ca-bundle=" + ca.certFile(),
                    "heart.zookeeper.client-certificate=" + client.certFile(),
                    "heart.zookeeper.client-key=" + client.keyFile())) {
                path = ZooKeeperTransport.path(
                        context.getBean(HeartRegistration.class).registrant());
                Await.until("the znode " + path + " in ZooKeeper, registered over TLS", () -> exists(probe, path));
            }
            assertNull(probe.stat(path), "the znode outlived the application");
        }
    }

    @Test
    void aCertificateWithoutItsKeyFailsStartupNamingTheProperty() {
        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> app().run(
                                "--spring.main.banner-mode=off",
                                "--spring.application.name=orders",
                                "--heart.registry=zks://127.0.0.1:2281",
                                "--heart.zookeeper.client-certificate=/etc/heart/client.pem")
                        .close());
        HeartPropertyException cause = HeartPropertiesTest.rootOf(failure, HeartPropertyException.class);
        assertEquals("heart.zookeeper.client-key", cause.property(), cause.getMessage());
    }

    @Test
    void heartZookeeperWithoutTheZooKeeperModuleSaysToAddIt() {
        ClassLoader withoutZooKeeper = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("dev.heart.transport.zookeeper.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> app().resourceLoader(new DefaultResourceLoader(withoutZooKeeper))
                        .run(
                                "--spring.main.banner-mode=off",
                                "--spring.application.name=orders",
                                "--heart.registry=tcp://127.0.0.1:7070",
                                "--heart.zookeeper.user=orders")
                        .close());
        HeartPropertyException cause = HeartPropertiesTest.rootOf(failure, HeartPropertyException.class);
        assertEquals("heart.zookeeper.user", cause.property());
        assertTrue(
                cause.getMessage().contains("heart-transport-zookeeper is not on the class path"), cause.getMessage());
        assertTrue(cause.action().contains("Add the dependency dev.heart:heart-transport-zookeeper"), cause.action());
    }

    /**
     * A standalone ZooKeeper server from the harness, which reads where to run it from the system
     * properties heart.zookeeper.server.*: set while it starts only, since the applications would
     * take them for unknown heart.* keys.
     */
    private static ZkServer zooKeeper() {
        return zooKeeper(java.util.Map.of());
    }

    /** As {@link #zooKeeper()}, with extra zoo.cfg lines. */
    private static ZkServer zooKeeper(java.util.Map<String, String> extra) {
        System.setProperty("heart.zookeeper.server.classpath", System.getProperty("test.zookeeper.server.classpath"));
        System.setProperty("heart.zookeeper.server.work", System.getProperty("test.zookeeper.server.work"));
        try {
            return ZkServer.standalone(extra);
        } finally {
            System.clearProperty("heart.zookeeper.server.classpath");
            System.clearProperty("heart.zookeeper.server.work");
        }
    }

    private static SpringApplicationBuilder app() {
        return new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE);
    }

    private static boolean exists(ZkProbe probe, String path) {
        try {
            return probe.stat(path) != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String data(ZkProbe probe, String path) {
        try {
            return String.valueOf(probe.data(path));
        } catch (Exception e) {
            return String.valueOf(e);
        }
    }
}
