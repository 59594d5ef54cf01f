package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.cli.RegistryAndBeatTest.CommandThread;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkServer;
import dev.heart.transport.zookeeper.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beat} and {@code load} against a real ZooKeeper (a child JVM started by the zk module's
 * harness): their registrants are znodes in ZooKeeper itself, asked with ZooKeeper's own client;
 * the target's several members and chroot are taken; mutual TLS with {@code --zk-ca},
 * {@code --zk-cert} and {@code --zk-key}; digest credentials go with {@code --zk-user}; wrong {@code --zk-*} options are usage errors (exit 2) naming the option,
 * never showing the password.
 */
@Timeout(240)
class ZooKeeperTargetsTest {
    static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void beatKeepsAZnodeInAChrootedEnsembleAndItsStopDeletesIt() throws Exception {
        try (ZkServer server = ZkServer.standalone();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            probe.zk().create("/apps", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            // two members, one of them down: the ensemble is one registry, its client finds the live one
            String target = "zk://" + server.hostPort() + ",127.0.0.1:" + ZkServer.freePort() + "/apps";
            String path = "/apps/services/orders/orders-7";
            Console beat = new Console();
            CommandThread thread = CommandThread.start(
                    "test-beat", beat, "beat", "--registry", target, "--id", "orders-7", "--service", "orders");
            try {
                beat.awaitOut(out -> out.contains("established with registry"), BOUND, "established");
                assertNotNull(probe.stat(path), "the znode, in ZooKeeper under the chroot");
                assertTrue(probe.stat(path).getEphemeralOwner() != 0, "ephemeral");
                assertTrue(probe.data(path).contains("\"id\":\"orders-7\""), probe.data(path));
            } finally {
                thread.interrupt();
            }
            assertEquals(0, thread.exitCode(BOUND), beat.out());
            assertTrue(beat.out().contains("stopped: the disconnect was sent"), beat.out());
            assertNull(probe.stat(path), "the disconnect deleted the znode");
        }
    }

    @Test
    void beatOverMutualTlsWithTheZkOptions(@TempDir Path dir) throws Exception {
        TestCertificates.Issued ca = TestCertificates.ca(dir, "test-ca");
        TestCertificates.Issued serverCert = TestCertificates.server(dir, "zk-server", ca);
        TestCertificates.Issued client =
                TestCertificates.client(dir, "heart", ca, false, TestCertificates.KeyFormat.PKCS8);
        Path serverStore = dir.resolve("server-store.pem");
        Files.writeString(
                serverStore, Files.readString(serverCert.keyFile()) + Files.readString(serverCert.certFile()));
        int securePort = ZkServer.freePort();
        try (ZkServer server = ZkServer.standalone(Map.of(
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
            String path = "/services/secure/secure-1";
            Console beat = new Console();
            CommandThread thread = CommandThread.start(
                    "test-beat",
                    beat,
                    "beat",
                    "--registry",
                    "zks://127.0.0.1:" + securePort,
                    "--id",
                    "secure-1",
                    "--service",
                    "secure",
                    "--zk-ca",
                    ca.certFile().toString(),
                    "--zk-cert",
                    client.certFile().toString(),
                    "--zk-key",
                    client.keyFile().toString());
            try {
                beat.awaitOut(out -> out.contains("established with registry"), BOUND, "established over TLS");
                assertNotNull(probe.stat(path), "the znode, seen over plaintext");
            } finally {
                thread.interrupt();
            }
            assertEquals(0, thread.exitCode(BOUND), beat.out());
            assertNull(probe.stat(path), "the disconnect deleted the znode");
        }
    }

    @Test
    void loadRegistersEveryHeartWithDigestCredentials(@TempDir Path dir) throws Exception {
        Path password = dir.resolve("zk-password");
        Files.writeString(password, "s3cret-zk\n");
        try (ZkServer server = ZkServer.standalone();
                ZkProbe probe = new ZkProbe(server.hostPort())) {
            Console load = new Console();
            CommandThread thread = CommandThread.start(
                    "test-load",
                    load,
                    "load",
                    "--registry",
                    server.target().toString(),
                    "--hearts",
                    "5",
                    "--duration",
                    "4s",
                    "--service",
                    "loadzk",
                    "--zk-user",
                    "heart",
                    "--zk-password-file",
                    password.toString(),
                    "--zk-allow-plaintext-credentials");
            Console.awaitTrue(
                    () -> probe.stat("/services/loadzk") != null
                            && probe.children("/services/loadzk").size() == 5,
                    BOUND,
                    "five znodes in ZooKeeper; output:\n" + load.out());
            assertEquals(
                    List.of("load-1", "load-2", "load-3", "load-4", "load-5"),
                    probe.children("/services/loadzk").stream().sorted().toList());
            List<ACL> acl = probe.acl("/services/loadzk/load-1");
            assertTrue(
                    acl.stream()
                            .anyMatch(a -> a.getId().getScheme().equals("digest")
                                    && a.getId().getId().startsWith("heart:")),
                    "created by the digest identity: " + acl);
            assertEquals(0, thread.exitCode(BOUND), load.out());
            assertTrue(load.out().contains("5 started, 5 established at the end"), load.out());
            assertFalse(load.out().contains("s3cret"), load.out());
            assertEquals(List.of(), probe.children("/services/loadzk"), "every heart left at the end");
        }
    }

    @Test
    void wrongZooKeeperOptionsAreUsageErrorsNamingTheOption(@TempDir Path dir) throws Exception {
        Path password = dir.resolve("zk-password");
        Files.writeString(password, "hunter2-zk");
        String[] beat = {"beat", "--id", "a", "--service", "s", "--registry"};
        assertUsageError(
                run(beat, "zk://127.0.0.1:1", "--zk-user", "heart"),
                "credentials: the password of user 'heart' is missing (--zk-password-file or $HEART_ZK_PASSWORD)");
        assertUsageError(
                run(beat, "zk://127.0.0.1:1", "--zk-user", "heart", "--zk-password-file", password.toString()),
                "would be sent in clear to zk://127.0.0.1:1; use zks://, or accept that anyone on the path reads"
                        + " them with --zk-allow-plaintext-credentials");
        assertUsageError(
                run(beat, "zk://127.0.0.1:1", "--zk-password-file", password.toString()),
                "a password was given without a user (--zk-user)");
        assertUsageError(run(beat, "zks://127.0.0.1:1", "--zk-cert", "c.pem"), "--zk-cert and --zk-key go together");
        assertUsageError(
                run(beat, "zks://127.0.0.1:1", "--zk-ca", "/no/such/ca.pem"), "trust: cannot read /no/such/ca.pem");
        assertUsageError(
                run(beat, "etcd://127.0.0.1:2379", "--zk-ca", "/no/such/ca.pem"),
                "the --zk-* options are for zk:// and zks:// registries, not etcd://");
        assertUsageError(
                run(
                        new String[] {"load", "--duration", "1s", "--registry"},
                        "zk://127.0.0.1:1",
                        "--zk-user",
                        "a",
                        "--etcd-user",
                        "b"),
                "give the options of one registry: --zk-* options do not go with --etcd-* options");
        assertUsageError(
                run(beat, "zk://127.0.0.1:0,127.0.0.1:2181/apps", "--zk-allow-plaintext-credentials"),
                "--zk-allow-plaintext-credentials needs --zk-user");
        Console.Result badMember = run(beat, "zk://127.0.0.1:2181,127.0.0.1:0/apps");
        assertUsageError(badMember, "target must be zk://host:port[,host:port...][/chroot]");
    }

    private static Console.Result run(String[] command, String... rest) {
        String[] args = new String[command.length + rest.length];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(rest, 0, args, command.length, rest.length);
        return Console.exec(args);
    }

    private static void assertUsageError(Console.Result result, String problem) {
        assertEquals(Main.USAGE, result.code(), result::toString);
        String firstLine = result.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("heart: ") && firstLine.contains(problem), result::toString);
        assertTrue(result.err().contains("Usage: heart "), result::toString);
        assertEquals("", result.out(), "bad input starts nothing, so it prints nothing on standard output");
        assertFalse(result.err().contains("\tat ") || result.err().contains("Exception in"), "stack trace: " + result);
        assertFalse(result.toString().contains("hunter2"), "the password is never shown: " + result);
    }
}
