package dev.heart.transport.zookeeper.harness;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.transport.zookeeper.ZooKeeperTransport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * N registrants on one heart, each kept by the ready-made {@link LeaseFollowingBeater} as it is
 * built by default, over one ZooKeeper transport; and the wait until ZooKeeper (asked with its own
 * client) holds all of them.
 */
public final class Fleet implements AutoCloseable {
    /** The attempt timeout of the first beat. */
    public static final Duration ATTEMPT = Duration.ofSeconds(2);
    /** The longest any wait for the registrants lasts. */
    public static final Duration BOUND = Duration.ofSeconds(60);

    public final String service;
    public final List<RegistrantInfo> registrants = new ArrayList<>();
    public final List<Beating> beatings = new ArrayList<>();
    public final RequestProtocol transport;
    private final Heart heart;

    public Fleet(URI target, String service, int count, ZooKeeperTransport.Builder settings) {
        this.service = service;
        this.transport = settings.build();
        LeaseFollowingBeater beater = LeaseFollowingBeater.builder().build();
        this.heart = Heart.builder(beater).protocol(transport).build();
        for (int i = 0; i < count; i++) {
            RegistrantInfo who = new RegistrantInfo(
                    service + "-" + i,
                    service,
                    Map.of(ZooKeeperTransport.ADDRESS_ATTRIBUTE, "127.0.0.1:" + (9000 + i), "zone", "z" + (i % 3)));
            registrants.add(who);
            beatings.add(heart.start(new OutgoingRequest(Request.beat(who), target), ATTEMPT, 3));
        }
    }

    /** The ids of the registrants. */
    public Set<String> ids() {
        Set<String> ids = new HashSet<>();
        registrants.forEach(r -> ids.add(r.id()));
        return ids;
    }

    /**
     * Waits until {@code connectString} holds every registrant's znode; logs and returns the
     * milliseconds since {@code since} (a {@link System#nanoTime()}).
     */
    public long awaitAll(String connectString, String fault, long since) throws InterruptedException {
        long end = System.nanoTime() + BOUND.toNanos();
        Set<String> present = Set.of();
        Exception last = null;
        try (ZkProbe probe = new ZkProbe(connectString)) {
            while (System.nanoTime() - end < 0) {
                try {
                    present = new HashSet<>(probe.children(ZooKeeperTransport.ROOT + "/" + service));
                    if (present.containsAll(ids())) {
                        long millis = (System.nanoTime() - since) / 1_000_000;
                        System.out.println("RECOVERY zookeeper " + fault + ": all " + registrants.size()
                                + " registrants in ZooKeeper " + millis + " ms after the fault ended");
                        return millis;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(50);
            }
        }
        Set<String> missing = new HashSet<>(ids());
        missing.removeAll(present);
        return fail(fault + ": not every registrant back within " + BOUND + "; missing " + missing + " (last error "
                + last + ")");
    }

    /** Fails when a beating ended. */
    public void assertStillBeating() {
        for (Beating beating : beatings) {
            assertTrue(!beating.completion().isDone(), "a beating ended: " + beating.completion());
        }
    }

    @Override
    public void close() {
        try {
            heart.close();
        } finally {
            transport.close();
        }
    }
}
