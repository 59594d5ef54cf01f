package dev.heart.transport.etcd;

import static dev.heart.transport.etcd.HeartEndToEndTest.assertStopped;
import static dev.heart.transport.etcd.HeartEndToEndTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.BeatFailedException;
import dev.heart.api.RegistrantInfo;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import dev.heart.transport.etcd.internal.EtcdServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three etcd members on loopback. The heart talks to a follower; the follower stops; the beating to
 * it fails, and the beater's failover target (a candidate from the last response) takes over: the
 * key never disappears.
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
    void whenItsMemberStopsTheHeartFailsOverToACandidateAndTheKeyStaysAlive() throws Exception {
        // A follower, so that stopping it costs no election: the test is about the transport's
        // candidates, not about etcd's leader changes.
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
        RegistrantInfo who = new RegistrantInfo("roaming", "search",
                Map.of(EtcdTransport.TTL_ATTRIBUTE, Long.toString(TTL.toSeconds())));
        String key = EtcdTransport.key(who);
        TtlBeater beater = new TtlBeater(who, true);

        try (Heart heart = Heart.builder(beater).build()) {
            Beating first = heart.start(beater.first(follower.target()), TtlBeater.ATTEMPT, TtlBeater.RETRIES);
            await("established at the follower", () -> first.state() == Beating.State.ESTABLISHED);
            // the member list is fetched beside the first beat: a cluster that has just started may
            // not answer it yet, and candidates come with a later beat's answer
            await("candidates offered", () -> !beater.last().registry().candidates().isEmpty());
            Set<URI> others = cluster.members().stream().map(EtcdServer::target)
                    .filter(t -> !t.equals(beater.last().registry().address())).collect(Collectors.toSet());
            assertEquals(others, Set.copyOf(beater.last().registry().candidates()),
                    "candidates are the other members' client URLs as etcd:// URIs");
            long lease = EtcdProbe.get(survivor.target(), key).orElseThrow().lease();

            List<String> absences = new CopyOnWriteArrayList<>();
            Thread watcher = watch(survivor.target(), key, absences);
            try {
                follower.stop();
                BeatFailedException failed = assertInstanceOf(BeatFailedException.class,
                        assertStopped(first).getCause());
                assertEquals(follower.target(), failed.request().target());

                URI candidate = beater.failoverTarget();
                assertNotEquals(follower.target(), candidate);
                int before = beater.responses.size();
                Beating second = heart.start(beater.first(candidate), TtlBeater.ATTEMPT, TtlBeater.RETRIES);
                await("established at the candidate", () -> second.state() == Beating.State.ESTABLISHED);
                await("beating at the candidate for a TTL", () -> beater.responses.size() >= before + 4);

                assertTrue(absences.isEmpty(), "the key disappeared during failover: " + absences);
                assertEquals(candidate, beater.last().registry().address());
                assertTrue(beater.responses.stream().noneMatch(r -> r.reject()));
                assertNotEquals(lease, EtcdProbe.get(survivor.target(), key).orElseThrow().lease(),
                        "the candidate holds the key under its own lease");
                second.stop();
                assertStopped(second);
                assertTrue(EtcdProbe.get(survivor.target(), key).isEmpty());
            } finally {
                watcher.interrupt();
                watcher.join(5_000);
            }
        }
    }

    /** Polls {@code key} every 50 ms until interrupted, noting every moment it is absent. */
    private static Thread watch(URI member, String key, List<String> absences) {
        Thread watcher = new Thread(() -> {
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
        }, "heart-etcd-test-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }
}
