package dev.heart.transport.etcd;

import static dev.heart.transport.etcd.HeartEndToEndTest.assertStopped;
import static dev.heart.transport.etcd.HeartEndToEndTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.Response;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import dev.heart.transport.etcd.internal.EtcdServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three etcd members on loopback: one registry. The heart talks to a follower; the follower is
 * killed; the transport moves to another member by itself, so the same beating goes on, under the
 * same lease, and the key never disappears. No member is ever offered as a failover candidate.
 */
class ClusterFailoverTest {
    static final Duration TTL = Duration.ofSeconds(3);
    static EtcdCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EtcdCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void whenItsMemberDiesTheTransportMovesToAnotherMemberAndTheBeatingGoesOnUnderTheSameLease() throws Exception {
        // A follower, so that killing it costs no election: the leader's case is LeaderKilledTest's.
        EtcdServer follower = null;
        EtcdServer survivor = null;
        for (EtcdServer member : cluster.members()) {
            if (!EtcdProbe.isLeader(member.target())) {
                follower = follower == null ? member : follower;
            } else {
                survivor = member;
            }
        }
        assertTrue(follower != null && survivor != null, "a leader and a follower");
        RegistrantInfo who = new RegistrantInfo(
                "roaming", "search", Map.of(EtcdTransport.TTL_ATTRIBUTE, Long.toString(TTL.toSeconds())));
        String key = EtcdTransport.key(who);
        TtlBeater beater = new TtlBeater(who, false);
        URI door = follower.target();

        try (Heart heart = Heart.builder(beater).build()) {
            Beating beating = heart.start(beater.first(follower.target()), TtlBeater.ATTEMPT, TtlBeater.RETRIES);
            await("established at the follower", () -> beating.state() == Beating.State.ESTABLISHED);
            await(
                    "the member list known",
                    () -> beater.last().registry().attributes().containsKey("etcd.cluster"));
            long lease = EtcdProbe.get(survivor.target(), key).orElseThrow().lease();

            List<String> absences = new CopyOnWriteArrayList<>();
            Thread watcher = watch(survivor.target(), key, absences);
            try {
                follower.kill();
                int before = beater.responses.size();
                await("beating on for two TTLs after the kill", () -> beater.responses.size() >= before + 6);
                assertEquals(Beating.State.ESTABLISHED, beating.state(), "the same beating goes on");
                assertTrue(absences.isEmpty(), "the key disappeared: " + absences);
                assertTrue(beater.responses.stream().noneMatch(Response::reject), "no rejection");
                assertTrue(
                        beater.responses.stream()
                                .allMatch(r -> r.registry().candidates().isEmpty()),
                        "the cluster's own members are never candidates");
                assertTrue(
                        beater.responses.stream()
                                .allMatch(r -> r.registry().address().equals(door)),
                        "the registry is the target as configured, whichever member answered");
                String cluster = beater.last().registry().attributes().get("etcd.cluster");
                assertTrue(
                        beater.responses.stream()
                                .filter(r -> r.registry().attributes().containsKey("etcd.cluster"))
                                .allMatch(r -> r.registry().id().equals(cluster)),
                        "the registry's id is its cluster's, the same " + "through the move");
                assertTrue(
                        beater.responses.stream()
                                        .map(r -> r.registry().attributes().get("etcd.member"))
                                        .distinct()
                                        .count()
                                >= 2,
                        "answered by another member after the kill");
                assertEquals(
                        lease,
                        EtcdProbe.get(survivor.target(), key).orElseThrow().lease(),
                        "the lease is the cluster's: the same one, kept alive through another member");
                beating.stop();
                assertStopped(beating);
                assertTrue(EtcdProbe.get(survivor.target(), key).isEmpty(), "revoked through the other member");
            } finally {
                watcher.interrupt();
                watcher.join(5_000);
            }
        }
    }

    /** Polls {@code key} every 50 ms until interrupted, noting every moment it is absent. */
    private static Thread watch(URI member, String key, List<String> absences) {
        Thread watcher = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            if (EtcdProbe.get(member, key).isEmpty()) {
                                absences.add("absent at " + System.nanoTime());
                            }
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        } catch (RuntimeException e) {
                            absences.add("unreadable: " + e);
                        }
                    }
                },
                "heart-etcd-test-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }
}
