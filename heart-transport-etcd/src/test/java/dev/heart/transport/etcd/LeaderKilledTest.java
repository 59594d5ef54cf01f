package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.RetryBackoff;
import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import dev.heart.transport.etcd.internal.EtcdServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * heart-semantics §9, "a cluster is one registry": a 3-member etcd cluster, 100 registrants per
 * ready-made beater (and LeaseFollowingBeater again with the heart's retry backoff) spread over
 * the members (a third of them target the leader), the leader
 * killed with SIGKILL and never restarted. Every key is still there three TTLs later, kept alive
 * under its lease through the other members (a key whose lease was not kept alive is gone after
 * one TTL), under every beater: moving between members is the transport's job. About 40 s.
 */
@Timeout(180)
class LeaderKilledTest {
    static final int PER_BEATER = 100;
    static final Duration TTL = Duration.ofSeconds(5);

    @Test
    void everyKeyOfEveryReadyMadeBeaterOutlivesTheLeaderKilledForGood() throws Exception {
        try (EtcdCluster cluster = EtcdCluster.start(3);
                RequestProtocol transport = EtcdTransport.builder().build()) {
            EtcdServer leader = cluster.members().stream()
                    .filter(m -> EtcdProbe.isLeader(m.target()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no leader"));
            Map<String, HeartBeater> beaters = new LinkedHashMap<>();
            beaters.put("lease-following", LeaseFollowingBeater.builder().build());
            beaters.put(
                    "lease-following-retry-backoff",
                    LeaseFollowingBeater.builder().build()); // with the heart's backoff
            beaters.put("fixed-rate", FixedRateBeater.builder(TTL.dividedBy(3)).build());
            beaters.put(
                    "failover",
                    FailoverBeater.builder(LeaseFollowingBeater.builder().build())
                            .build());
            List<Heart> hearts = new ArrayList<>();
            List<Beating> beatings = new ArrayList<>();
            Set<String> keys = new TreeSet<>();
            Set<String> atLeader = new TreeSet<>();
            try {
                for (Map.Entry<String, HeartBeater> beater : beaters.entrySet()) {
                    Heart.Builder builder = Heart.builder(beater.getValue()).protocol(transport);
                    if (beater.getKey().endsWith("retry-backoff")) {
                        builder.retryBackoff(
                                RetryBackoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5));
                    }
                    Heart heart = builder.build();
                    hearts.add(heart);
                    for (int i = 0; i < PER_BEATER; i++) {
                        EtcdServer member = cluster.member(i % 3);
                        RegistrantInfo who = new RegistrantInfo(
                                beater.getKey() + "-" + i,
                                "killed",
                                Map.of(EtcdTransport.TTL_ATTRIBUTE, Long.toString(TTL.toSeconds())));
                        keys.add(EtcdTransport.key(who));
                        if (member == leader) {
                            atLeader.add(EtcdTransport.key(who));
                        }
                        beatings.add(heart.start(
                                new OutgoingRequest(Request.beat(who), member.target()), Duration.ofSeconds(2), 2));
                    }
                }
                EtcdServer survivor = cluster.members().stream()
                        .filter(m -> m != leader)
                        .findFirst()
                        .orElseThrow();
                awaitKeys(survivor.target(), keys, Duration.ofSeconds(60), "every registrant registered");
                assertTrue(
                        atLeader.size() >= beaters.size() * (PER_BEATER / 3),
                        "a third of each beater's registrants target the leader: " + atLeader.size());

                long killedAt = System.nanoTime();
                leader.kill(); // SIGKILL, for good
                Thread.sleep(TTL.multipliedBy(3).toMillis());
                Set<String> missing = missing(survivor.target(), keys);
                long seconds = (System.nanoTime() - killedAt) / 1_000_000_000L;
                assertTrue(
                        missing.isEmpty(),
                        missing.size() + " keys gone " + seconds + " s after the leader was killed"
                                + " (TTL " + TTL.toSeconds() + " s), of which at the leader: "
                                + missing.stream().filter(atLeader::contains).count() + "; " + missing);
                for (Beating beating : beatings) {
                    assertTrue(!beating.completion().isDone(), "a beating ended: " + beating);
                }
            } finally {
                for (Heart heart : hearts) {
                    heart.close();
                }
            }
        }
    }

    private static void awaitKeys(URI member, Set<String> keys, Duration bound, String what)
            throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        Set<String> missing = missing(member, keys);
        while (!missing.isEmpty()) {
            if (System.nanoTime() - end > 0) {
                fail("not " + what + " within " + bound + ": " + missing.size() + " missing");
            }
            Thread.sleep(200);
            missing = missing(member, keys);
        }
    }

    private static Set<String> missing(URI member, Set<String> keys) {
        Set<String> missing = new TreeSet<>(keys);
        missing.removeAll(new HashSet<>(EtcdProbe.keys(member, EtcdTransport.KEY_PREFIX + "killed/")));
        return missing;
    }
}
