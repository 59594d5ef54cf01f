package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.zookeeper.harness.Fleet;
import dev.heart.transport.zookeeper.harness.ZkProbe;
import dev.heart.transport.zookeeper.harness.ZkQuorum;
import dev.heart.transport.zookeeper.harness.ZkServer;
import dev.heart.transport.zookeeper.internal.ZkProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The faults of docs/semantics.md §9 on real ZooKeeper servers (child JVMs): the ready-made
 * {@code LeaseFollowingBeater}, as built by default, keeps every registrant registered through
 * each, and ZooKeeper's own client checks the znodes. Each prints the time until every registrant
 * was back ({@code RECOVERY ...}), for the record, never asserted.
 */
@Timeout(240)
class ZooKeeperFaultsTest {
    static final int REGISTRANTS = 20;
    static final Duration SESSION = Duration.ofSeconds(4);

    static ZooKeeperTransport.Builder settings() {
        return ZooKeeperTransport.builder().sessionTimeout(SESSION);
    }

    @Test
    void downAtStart() throws Exception {
        try (ZkServer zk = ZkServer.prepared();
                Fleet fleet = new Fleet(zk.target(), "down", REGISTRANTS, settings())) {
            Thread.sleep(2000);
            long up = System.nanoTime();
            zk.start();
            zk.awaitReady(Fleet.BOUND);
            fleet.awaitAll(zk.hostPort(), "down at start (started 2 s after the beatings)", up);
            fleet.assertStillBeating();
        }
    }

    @Test
    void shortAndLongOutagesAndARestartThatForgetsEveryone() throws Exception {
        try (ZkServer zk = ZkServer.standalone();
                Fleet fleet = new Fleet(zk.target(), "outage", REGISTRANTS, settings())) {
            fleet.awaitAll(zk.hostPort(), "first registration", System.nanoTime());

            zk.kill();
            Thread.sleep(SESSION.toMillis() / 3);
            long up = System.nanoTime();
            zk.start();
            zk.awaitReady(Fleet.BOUND);
            fleet.awaitAll(zk.hostPort(), "outage of 1.3 s, shorter than the 4 s session (same data)", up);

            zk.kill();
            Thread.sleep(SESSION.toMillis() * 2);
            up = System.nanoTime();
            zk.start();
            zk.awaitReady(Fleet.BOUND);
            fleet.awaitAll(zk.hostPort(), "outage of 8 s, longer than the 4 s session (same data)", up);

            zk.killAndWipe();
            up = System.nanoTime();
            zk.start();
            zk.awaitReady(Fleet.BOUND);
            fleet.awaitAll(zk.hostPort(), "restart with an empty data dir on the same port", up);
            fleet.assertStillBeating();
        }
    }

    @Test
    void anOldSnapshotRestoredWithoutUs() throws Exception {
        try (ZkServer zk = ZkServer.standalone()) {
            try (ZkProbe probe = new ZkProbe(zk.hostPort())) {
                probe.zk()
                        .create(
                                "/other",
                                new byte[0],
                                org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE,
                                org.apache.zookeeper.CreateMode.PERSISTENT);
            }
            zk.kill();
            Path before = zk.snapshot(); // the ensemble's data before any of us registered
            zk.start();
            zk.awaitReady(Fleet.BOUND);
            try (Fleet fleet = new Fleet(zk.target(), "restored", REGISTRANTS, settings())) {
                fleet.awaitAll(zk.hostPort(), "first registration", System.nanoTime());
                zk.killAndRestore(before);
                long up = System.nanoTime();
                zk.start();
                zk.awaitReady(Fleet.BOUND);
                fleet.awaitAll(zk.hostPort(), "ensemble restored from a snapshot taken before we registered", up);
                fleet.assertStillBeating();
            }
        }
    }

    @Test
    void aZnodeDeletedBehindOurBackAndTheSessionExpiredByTheServer() throws Exception {
        try (ZkServer zk = ZkServer.standalone();
                Fleet fleet = new Fleet(zk.target(), "deleted", REGISTRANTS, settings());
                ZkProbe probe = new ZkProbe(zk.hostPort())) {
            fleet.awaitAll(zk.hostPort(), "first registration", System.nanoTime());
            String victim = ZooKeeperTransport.path(fleet.registrants.get(0));
            Stat before = probe.stat(victim);
            long deleted = System.nanoTime();
            probe.zk().delete(victim, -1);
            assertNull(probe.stat(victim));
            fleet.awaitAll(zk.hostPort(), "znode deleted behind our back (beat interval ~1.3 s)", deleted);
            assertNotEquals(before.getCzxid(), probe.stat(victim).getCzxid(), "registered anew");

            Object[] session = ((ZkProtocol) fleet.transport).session(zk.target());
            assertNotNull(session, "no session");
            long expired = System.nanoTime();
            expire(zk.hostPort(), (Long) session[0], (byte[]) session[1]);
            fleet.awaitAll(zk.hostPort(), "session expired by the server", expired);
            Object[] now = ((ZkProtocol) fleet.transport).session(zk.target());
            assertNotEquals(session[0], now == null ? null : now[0], "a new session");
            fleet.assertStillBeating();
        }
    }

    /** Closes a session from another handle with its id and password: the server ends it (Curator's KillSession). */
    static void expire(String connectString, long sessionId, byte[] password) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(
                connectString,
                (int) SESSION.toMillis(),
                event -> {
                    if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                        connected.countDown();
                    }
                },
                sessionId,
                password);
        try {
            connected.await(10, TimeUnit.SECONDS);
        } finally {
            twin.close();
        }
    }

    @Test
    void theLeaderOfThreeKilledThenAMemberStopped() throws Exception {
        try (ZkQuorum quorum = ZkQuorum.start(3);
                Fleet fleet = new Fleet(quorum.target(), "leader", REGISTRANTS, settings())) {
            String all = quorum.target().getAuthority();
            fleet.awaitAll(all, "first registration", System.nanoTime());
            ZkServer leader = quorum.leader();
            long killed = System.nanoTime();
            leader.kill();
            Thread.sleep(SESSION.toMillis() * 2); // past the session timeout: the znodes must still be there (or back)
            fleet.awaitAll(all, "leader of 3 killed (checked from 8 s after the kill, twice the session)", killed);

            ZkServer follower = quorum.members().stream()
                    .filter(m -> m.isRunning() && !m.mode().equals("leader"))
                    .findFirst()
                    .orElseThrow();
            leader.start(); // back to three, then one member stopped
            leader.awaitReady(Fleet.BOUND);
            long stopped = System.nanoTime();
            follower.kill();
            Thread.sleep(SESSION.toMillis() * 2);
            fleet.awaitAll(all, "a member of 3 stopped (checked from 8 s after, twice the session)", stopped);
            fleet.assertStillBeating();
        }
    }

    /**
     * A persistent watch does not replay what happened while the session was disconnected: a
     * znode deleted then is found by the one read of each service's children on reconnection.
     */
    @Test
    void aZnodeDeletedWhileWeWereDisconnectedInTheSameSession() throws Exception {
        try (ZkQuorum quorum = ZkQuorum.start(3)) {
            ZkServer ours = quorum.members().get(0);
            String others = quorum.members().get(1).hostPort() + ","
                    + quorum.members().get(2).hostPort();
            // a session of 10 s (the servers' most): the member restarts well within it, the session survives
            try (Fleet fleet = new Fleet(
                            ours.target(),
                            "unseen",
                            REGISTRANTS,
                            ZooKeeperTransport.builder().sessionTimeout(Duration.ofSeconds(10)));
                    ZkProbe probe = new ZkProbe(others)) {
                fleet.awaitAll(others, "first registration", System.nanoTime());
                Object[] session = ((ZkProtocol) fleet.transport).session(ours.target());
                String victim = ZooKeeperTransport.path(fleet.registrants.get(0));
                ours.kill();
                probe.zk().delete(victim, -1);
                long up = System.nanoTime();
                ours.start();
                ours.awaitReady(Fleet.BOUND);
                fleet.awaitAll(others, "znode deleted while our only member was down, same session", up);
                Object[] now = ((ZkProtocol) fleet.transport).session(ours.target());
                assertEquals(session[0], now == null ? null : now[0], "the same session throughout");
                fleet.assertStillBeating();

                // a disconnect sent while the connection is down fails, and is not lost: the znode
                // is deleted when the same session reconnects
                RegistrantInfo leaver = new RegistrantInfo("leaver", "unseen", Map.of("address", "127.0.0.1:7000"));
                try (RequestProtocol solo = ZooKeeperTransport.builder()
                        .sessionTimeout(Duration.ofSeconds(10))
                        .build()) {
                    Duration wait = Duration.ofSeconds(10);
                    assertFalse(solo.send(new OutgoingRequest(Request.beat(leaver), ours.target()), wait)
                            .get(20, TimeUnit.SECONDS)
                            .reject());
                    Object[] soloSession = ((ZkProtocol) solo).session(ours.target());
                    ours.kill();
                    CompletableFuture<Response> bye = solo.send(
                            new OutgoingRequest(new Request(leaver, true), ours.target()), Duration.ofSeconds(1));
                    assertThrows(
                            ExecutionException.class,
                            () -> bye.get(20, TimeUnit.SECONDS),
                            "no connection: the disconnect fails");
                    assertNotNull(
                            probe.stat(ZooKeeperTransport.path(leaver)), "the session lives on the other members");
                    long restarted = System.nanoTime();
                    ours.start();
                    ours.awaitReady(Fleet.BOUND);
                    long end = System.nanoTime() + Fleet.BOUND.toNanos();
                    while (probe.stat(ZooKeeperTransport.path(leaver)) != null && System.nanoTime() - end < 0) {
                        Thread.sleep(50);
                    }
                    assertNull(
                            probe.stat(ZooKeeperTransport.path(leaver)),
                            "the lost disconnect was sent on reconnection");
                    Object[] soloNow = ((ZkProtocol) solo).session(ours.target());
                    assertEquals(
                            soloSession[0],
                            soloNow == null ? null : soloNow[0],
                            "by the same session, not by its expiry");
                    System.out.println("RECOVERY zookeeper a disconnect lost with the connection: znode deleted "
                            + (System.nanoTime() - restarted) / 1_000_000 + " ms after the member was started again");
                }
            }
        }
    }
}
