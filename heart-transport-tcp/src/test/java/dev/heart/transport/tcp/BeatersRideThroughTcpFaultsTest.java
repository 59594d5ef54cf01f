package dev.heart.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.Recovery;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spec §9 on real sockets: each ready-made beater, one instance driving {@value #HEARTS}
 * registrants on one heart with the transport users get (found by the tcp scheme, default
 * settings), rides through every fault a TCP registry can have, and every registrant is registered
 * again in the registry's own table; none is lost for good. The bounds are generous (they wait
 * for an event, they do not time anything); the time until all were back is logged and appended
 * to {@code target/recovery-times.txt}: from the moment the registry listens again until it has
 * accepted every registrant again.
 */
@Timeout(180)
class BeatersRideThroughTcpFaultsTest {
    private static final Logger LOG = LoggerFactory.getLogger(BeatersRideThroughTcpFaultsTest.class);
    static final int HEARTS = 20;
    static final String SERVICE = "svc";
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration SHORT_OUTAGE = Duration.ofSeconds(1);
    static final Duration LONG_OUTAGE = LEASE.multipliedBy(2);
    static final Duration BOUND = Duration.ofSeconds(90);
    static final Recovery HALF_SECOND =
            Recovery.builder().attempts(Attempts.once(Duration.ofMillis(500))).build();

    /** The ready-made beaters, each one instance for every registrant. */
    enum Kind {
        LEASE_FOLLOWING(
                () -> LeaseFollowingBeater.builder().recovery(HALF_SECOND).build()),
        FIXED_RATE(() -> FixedRateBeater.builder(Duration.ofSeconds(1))
                .recovery(HALF_SECOND)
                .build()),
        FAILOVER(() -> FailoverBeater.builder(
                        LeaseFollowingBeater.builder().recovery(HALF_SECOND).build())
                .recovery(HALF_SECOND)
                .build());

        final Supplier<HeartBeater> beater;

        Kind(Supplier<HeartBeater> beater) {
            this.beater = beater;
        }
    }

    /** The hearts of one test: one heart, one beater, {@value #HEARTS} beatings. */
    static final class Hearts implements AutoCloseable {
        final Heart heart;
        final RequestProtocol transport;
        final List<Beating> beatings = new ArrayList<>();
        final Set<String> ids = new TreeSet<>();

        /** With the transport users get: found by the scheme, default settings. */
        Hearts(Kind kind, InetSocketAddress registry) {
            this(kind, registry, null);
        }

        /** With {@code transport}, closed with these hearts; null for the one users get. */
        Hearts(Kind kind, InetSocketAddress registry, RequestProtocol transport) {
            this.transport = transport;
            Heart.Builder builder = Heart.builder(kind.beater.get());
            heart = (transport == null ? builder : builder.protocol(transport)).build();
            for (int i = 0; i < HEARTS; i++) {
                String id = kind.name().toLowerCase(Locale.ROOT) + "-" + i;
                ids.add(id);
                beatings.add(heart.start(
                        new OutgoingRequest(
                                Request.beat(RegistrantInfo.of(id, SERVICE)),
                                URI.create("tcp://127.0.0.1:" + registry.getPort())),
                        Duration.ofMillis(500),
                        1));
            }
        }

        void assertNoneEnded() {
            for (Beating beating : beatings) {
                assertFalse(beating.completion().isDone(), "a beating ended: " + beating + " " + beating.completion());
            }
        }

        /** Stops every beating and waits, bounded, for the heart to close. */
        @Override
        public void close() {
            try {
                heart.closeAsync().get(30, TimeUnit.SECONDS);
                if (transport != null) {
                    transport.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while closing the heart", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the heart did not close within 30 s", e);
            }
        }
    }

    static TcpRegistryServer serve(LeaseTable table, InetSocketAddress address) {
        return TcpRegistryServer.builder(table).bind(address).start();
    }

    /** Waits until every id is alive in {@code table}. */
    static void awaitAllRegistered(LeaseTable table, Set<String> ids, String what) throws InterruptedException {
        awaitAllBackSince(table, ids, System.nanoTime(), what);
    }

    /**
     * Waits until {@code table} has accepted every id at or after {@code since} (when the registry
     * answered again) and holds each alive; returns the time from {@code since} until then.
     */
    static Duration awaitAllBackSince(LeaseTable table, Set<String> ids, long since, String what)
            throws InterruptedException {
        long deadline = since + BOUND.toNanos();
        while (!table.acceptedSince(since).containsAll(ids) || !table.alive().containsAll(ids)) {
            if (System.nanoTime() - deadline > 0) {
                Set<String> missing = new TreeSet<>(ids);
                missing.removeAll(table.alive());
                throw new AssertionError(what + ": still not registered after " + BOUND + ": " + missing);
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    static void record(Kind kind, String fault, Duration took) {
        String line = String.format(
                Locale.ROOT, "tcp %-16s %-46s all %d back in %5d ms", kind, fault, HEARTS, took.toMillis());
        LOG.info(line);
        try {
            Files.writeString(
                    Path.of("target", "recovery-times.txt"),
                    line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("could not record {}", line, e);
        }
    }

    static InetSocketAddress freeAddress() {
        try (TcpRegistryServer probe = TcpRegistryServer.start(request -> {
            throw new IllegalStateException("not serving");
        })) {
            return probe.address();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void registryDownAtStart(Kind kind) throws Exception {
        InetSocketAddress address = freeAddress();
        try (Hearts hearts = new Hearts(kind, address)) {
            Thread.sleep(LEASE.toMillis()); // every registrant fails, again and again
            hearts.assertNoneEnded();
            LeaseTable table = new LeaseTable(SERVICE, LEASE, false);
            long up = System.nanoTime();
            TcpRegistryServer server = serve(table, address);
            try {
                Duration took = awaitAllBackSince(table, hearts.ids, up, "registry down at start");
                record(kind, "down at start", took);
                hearts.assertNoneEnded();
            } finally {
                server.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void outageShorterThanTheLease(Kind kind) throws Exception {
        outage(kind, SHORT_OUTAGE, "outage " + SHORT_OUTAGE.toMillis() + " ms < lease");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void outageLongerThanTheLease(Kind kind) throws Exception {
        outage(kind, LONG_OUTAGE, "outage " + LONG_OUTAGE.toMillis() + " ms > lease");
    }

    /**
     * The same outage with the transport's reconnect backoff capped at 500 ms instead of its
     * default 10 s: the figures show how much of the recovery time the transport's own wait adds
     * to the beater's backoff.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void outageLongerThanTheLease_reconnectCappedAt500ms(Kind kind) throws Exception {
        outage(
                kind,
                LONG_OUTAGE,
                "outage " + LONG_OUTAGE.toMillis() + " ms > lease, reconnect<=500ms",
                () -> TcpTransport.builder()
                        .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
                        .build());
    }

    private void outage(Kind kind, Duration length, String fault) throws Exception {
        outage(kind, length, fault, () -> null);
    }

    /** The registry is unreachable for {@code length}, its table intact; leases pass meanwhile. */
    private void outage(Kind kind, Duration length, String fault, Supplier<RequestProtocol> transport)
            throws Exception {
        LeaseTable table = new LeaseTable(SERVICE, LEASE, false);
        TcpRegistryServer server = serve(table, new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress address = server.address();
        try (Hearts hearts = new Hearts(kind, address, transport.get())) {
            awaitAllRegistered(table, hearts.ids, "before the outage");
            server.close();
            Thread.sleep(length.toMillis());
            if (length.compareTo(LEASE) > 0) {
                assertTrue(table.alive().isEmpty(), "every lease passed during the outage: " + table.alive());
            }
            hearts.assertNoneEnded();
            long up = System.nanoTime();
            server = serve(table, address);
            Duration took = awaitAllBackSince(table, hearts.ids, up, fault);
            record(kind, fault, took);
            hearts.assertNoneEnded();
        } finally {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restartThatForgetsEveryone(Kind kind) throws Exception {
        LeaseTable before = new LeaseTable(SERVICE, LEASE, false);
        TcpRegistryServer server = serve(before, new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress address = server.address();
        try (Hearts hearts = new Hearts(kind, address)) {
            awaitAllRegistered(before, hearts.ids, "before the restart");
            server.close();
            LeaseTable after = new LeaseTable(SERVICE, LEASE, true);
            long up = System.nanoTime();
            server = serve(after, address);
            Duration took = awaitAllBackSince(after, hearts.ids, up, "restart that forgets everyone");
            record(kind, "restart, forgets everyone", took);
            hearts.assertNoneEnded();
            assertEquals(hearts.ids, after.toldNotRegistered(), "each was refused once as unknown, and came back");
        } finally {
            server.close();
        }
    }
}
