package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.heart.api.RegistrantInfo;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import dev.heart.transport.etcd.internal.EtcdServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The faults of "Stay registered" §6 on real etcd processes: a beater that never gives up keeps
 * every registrant registered through each, and the test checks etcd's own keys. Each prints the
 * time until every registrant was back ({@code RECOVERY ...}), for the record, never asserted.
 */
@Timeout(180)
class EtcdFaultsTest {
    static final int REGISTRANTS = 20;
    static final Duration TTL = Duration.ofSeconds(3);
    static final Duration BOUND = Duration.ofSeconds(60);
    static final String TYPE = "faults";

    static List<RegistrantInfo> registrants(String prefix) {
        List<RegistrantInfo> all = new ArrayList<>();
        for (int i = 0; i < REGISTRANTS; i++) {
            all.add(new RegistrantInfo(
                    prefix + "-" + i, TYPE, Map.of(EtcdTransport.TTL_ATTRIBUTE, Long.toString(TTL.toSeconds()))));
        }
        return all;
    }

    static Set<String> keys(List<RegistrantInfo> registrants) {
        return registrants.stream().map(EtcdTransport::key).collect(Collectors.toSet());
    }

    /** Waits until every key is in etcd at {@code member}; returns the milliseconds it took. */
    static long awaitAll(URI member, Set<String> expected, String fault) throws InterruptedException {
        return awaitAll(member, expected, fault, System.nanoTime());
    }

    /** As above, counting from {@code start} (on {@link System#nanoTime()}): when the fault ended. */
    static long awaitAll(URI member, Set<String> expected, String fault, long start) throws InterruptedException {
        long end = start + BOUND.toNanos();
        Set<String> present = Set.of();
        while (System.nanoTime() - end < 0) {
            try {
                present = new HashSet<>(EtcdProbe.keys(member, EtcdTransport.KEY_PREFIX + TYPE + "/"));
                if (present.containsAll(expected)) {
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    System.out.println("RECOVERY etcd " + fault + ": all " + expected.size() + " registrants in etcd "
                            + millis + " ms after the fault ended");
                    return millis;
                }
            } catch (RuntimeException e) {
                // etcd not answering yet
            }
            Thread.sleep(100);
        }
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(present);
        return fail(fault + ": not every registrant back in etcd within " + BOUND + "; missing " + missing);
    }

    static List<Beating> startAll(Heart heart, ResilientBeater beater, List<RegistrantInfo> registrants, URI target) {
        List<Beating> beatings = new ArrayList<>();
        for (RegistrantInfo registrant : registrants) {
            beatings.add(
                    heart.start(beater.first(registrant, target), ResilientBeater.ATTEMPT, ResilientBeater.RETRIES));
        }
        return beatings;
    }

    static void assertStillBeating(List<Beating> beatings) {
        for (Beating beating : beatings) {
            assertTrue(!beating.completion().isDone(), "a beating ended: " + beating.completion());
        }
    }

    @Test
    void etcdDownAtStart() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.prepare(1)) {
            URI target = etcd.member(0).target();
            List<RegistrantInfo> all = registrants("down-at-start");
            ResilientBeater beater = new ResilientBeater(List.of(target));
            try (Heart heart = Heart.builder(beater).build()) {
                List<Beating> beatings = startAll(heart, beater, all, target);
                Thread.sleep(2000);
                long up = System.nanoTime();
                etcd.startAll();
                awaitAll(target, keys(all), "down at start (etcd started 2 s after the beatings)", up);
                assertStillBeating(beatings);
            }
        }
    }

    @Test
    void shortAndLongOutagesAndARestartThatForgetsEveryone() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            EtcdServer member = etcd.member(0);
            URI target = member.target();
            List<RegistrantInfo> all = registrants("outage");
            ResilientBeater beater = new ResilientBeater(List.of(target));
            try (Heart heart = Heart.builder(beater).build()) {
                List<Beating> beatings = startAll(heart, beater, all, target);
                awaitAll(target, keys(all), "first registration");

                member.kill();
                Thread.sleep(TTL.toMillis() / 3);
                long up = System.nanoTime();
                member.start();
                member.awaitReady(BOUND);
                awaitAll(target, keys(all), "outage of 1 s, shorter than the 3 s lease (same data)", up);

                member.kill();
                Thread.sleep(TTL.toMillis() * 2);
                up = System.nanoTime();
                member.start();
                member.awaitReady(BOUND);
                awaitAll(target, keys(all), "outage of 6 s, longer than the 3 s lease (same data)", up);

                member.killAndWipe();
                up = System.nanoTime();
                member.start();
                member.awaitReady(BOUND);
                awaitAll(target, keys(all), "restart with a new data dir on the same port", up);
                assertStillBeating(beatings);
            }
        }
    }

    @Test
    void theLeaderOfThreeMembersKilled() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(3)) {
            EtcdServer leader = null;
            for (EtcdServer member : etcd.members()) {
                if (EtcdProbe.isLeader(member.target())) {
                    leader = member;
                }
            }
            assertTrue(leader != null, "no leader");
            List<URI> members = etcd.members().stream().map(EtcdServer::target).toList();
            List<RegistrantInfo> all = registrants("leader");
            ResilientBeater beater = new ResilientBeater(members);
            try (Heart heart = Heart.builder(beater).build()) {
                List<Beating> beatings = startAll(heart, beater, all, leader.target());
                awaitAll(leader.target(), keys(all), "first registration at the leader");
                long killed = System.nanoTime();
                leader.kill();
                EtcdServer survivor = etcd.members().stream()
                        .filter(m -> m.isRunning())
                        .findFirst()
                        .orElseThrow();
                Thread.sleep(TTL.toMillis() * 2);
                awaitAll(
                        survivor.target(),
                        keys(all),
                        "leader of 3 killed (checked from 6 s after the kill, twice" + " the lease)",
                        killed);
                assertStillBeating(beatings);
            }
        }
    }

    @Test
    void aKeyDeletedBehindOurBackIsRestoredWithinABeatInterval() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            URI target = etcd.member(0).target();
            List<RegistrantInfo> all = registrants("deleted");
            ResilientBeater beater = new ResilientBeater(List.of(target));
            try (Heart heart = Heart.builder(beater).build()) {
                List<Beating> beatings = startAll(heart, beater, all, target);
                awaitAll(target, keys(all), "first registration");
                String victim = EtcdTransport.key(all.get(0));
                long lease = EtcdProbe.get(target, victim).orElseThrow().lease();
                long deleted = System.nanoTime();
                EtcdProbe.delete(target, victim);
                assertTrue(EtcdProbe.get(target, victim).isEmpty());
                awaitAll(target, keys(all), "key deleted behind our back (beat interval 1 s)", deleted);
                assertTrue(beater.notRegistered.get() >= 1, "the beat after the deletion answers 'not registered'");
                assertTrue(EtcdProbe.get(target, victim).orElseThrow().lease() != lease, "registered anew");

                EtcdProbe.put(target, EtcdTransport.key(all.get(1)), "someone else's");
                long end = System.nanoTime() + BOUND.toNanos();
                while (EtcdProbe.get(target, EtcdTransport.key(all.get(1)))
                                .orElseThrow()
                                .lease()
                        == 0) {
                    assertTrue(System.nanoTime() - end < 0, "an overwritten key was never taken back");
                    Thread.sleep(100);
                }
                assertEquals(
                        2,
                        beater.notRegistered.get() >= 2 ? 2 : beater.notRegistered.get(),
                        "the overwrite answers 'not registered' too");
                assertStillBeating(beatings);
            }
        }
    }
}
