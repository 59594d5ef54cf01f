package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.security.Credentials;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Digest authentication: our znodes carry "our identity may do everything, everyone may read";
 * the service parents we create let everyone read and create (other instances and Spring Cloud
 * apps register beside ours) and only our identity delete (ZooKeeper checks DELETE on the parent);
 * someone else may read but neither change nor delete our znode, and another identity with the same
 * registrant id is answered FORBIDDEN.
 */
@Timeout(120)
class DigestAuthTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    static ZooKeeperTransport.Builder as(String user, String password) {
        return ZooKeeperTransport.builder()
                .credentials(Credentials.of(user, password.toCharArray()).allowPlaintextCredentials())
                .sessionTimeout(Duration.ofSeconds(4));
    }

    static Response beat(RequestProtocol zk, ZkServer server, RegistrantInfo who) throws Exception {
        return zk.send(new OutgoingRequest(Request.beat(who), server.target()), WAIT)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void onlyOurIdentityMayChangeOrDeleteOurZnodeAndEveryoneMayRead() throws Exception {
        RegistrantInfo who = new RegistrantInfo("pay-1", "payments", Map.of("address", "10.0.0.7:8443"));
        String path = ZooKeeperTransport.path(who);
        try (ZkServer server = ZkServer.standalone();
                RequestProtocol ours = as("heart", "s3cret-one").build();
                RequestProtocol theirs = as("intruder", "other-pw").build();
                ZkProbe anonymous = new ZkProbe(server.hostPort())) {
            Response first = beat(ours, server, who);
            assertFalse(first.reject());
            assertEquals(
                    Duration.ofSeconds(4), first.timeout(), "the session timeout the ensemble granted is the lease");
            assertEquals(List.of(), first.registry().candidates(), "the ensemble is one registry: no candidates");

            List<ACL> acl = anonymous.acl(path);
            assertTrue(
                    acl.stream()
                            .anyMatch(a -> a.getId().getScheme().equals("digest")
                                    && a.getId().getId().startsWith("heart:")
                                    && a.getPerms() == ZooDefs.Perms.ALL),
                    "ours: " + acl);
            assertTrue(
                    acl.stream()
                            .anyMatch(a -> a.getId().equals(ZooDefs.Ids.ANYONE_ID_UNSAFE)
                                    && a.getPerms() == ZooDefs.Perms.READ),
                    "everyone reads: " + acl);
            assertEquals(2, acl.size(), "nothing else: " + acl);
            for (String parent : new String[] {ZooKeeperTransport.ROOT + "/payments", ZooKeeperTransport.ROOT}) {
                List<ACL> parentAcl = anonymous.acl(parent);
                assertTrue(
                        parentAcl.stream()
                                .anyMatch(a -> a.getId().equals(ZooDefs.Ids.ANYONE_ID_UNSAFE)
                                        && a.getPerms() == (ZooDefs.Perms.READ | ZooDefs.Perms.CREATE)),
                        parent + ": everyone reads and creates, never creator-only: " + parentAcl);
                assertEquals(2, parentAcl.size(), parent + ": " + parentAcl);
            }

            assertTrue(anonymous.data(path).contains("\"address\":\"10.0.0.7\""), "everyone may read");
            assertThrows(
                    KeeperException.NoAuthException.class, () -> anonymous.zk().delete(path, -1));
            assertThrows(
                    KeeperException.NoAuthException.class,
                    () -> anonymous.zk().setData(path, "x".getBytes(StandardCharsets.UTF_8), -1));
            anonymous
                    .zk()
                    .create(
                            ZooKeeperTransport.ROOT + "/payments/spring-app",
                            new byte[0],
                            ZooDefs.Ids.OPEN_ACL_UNSAFE,
                            org.apache.zookeeper.CreateMode.EPHEMERAL); // others register beside us

            Response squatter = beat(theirs, server, who);
            assertTrue(squatter.reject(), "another identity cannot take our registration: " + squatter);
            assertEquals(RejectReason.FORBIDDEN, squatter.rejectReason());
            assertNotNull(anonymous.stat(path), "still ours");
            assertFalse(beat(ours, server, who).reject(), "ours still beats");

            Response bye = ours.send(new OutgoingRequest(new Request(who, true), server.target()), WAIT)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(RejectReason.DISCONNECTED, bye.rejectReason());
            assertEquals(null, anonymous.stat(path), "our identity deleted it");
        }
    }
}
