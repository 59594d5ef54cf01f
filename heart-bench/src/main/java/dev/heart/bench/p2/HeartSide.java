package dev.heart.bench.p2;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.engine.beater.Recovery;
import dev.heart.transport.eureka.EurekaTransport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * P2's heart side, in its own JVM: N instances of application {@code P2-HEART} kept by one
 * {@link Heart} with one Eureka transport (default settings; the system property
 * {@value #MAX_CONNECTIONS_PROPERTY} sets its {@code maxConnections} for what-if runs), renewing at a third of the lease
 * ({@link LeaseFollowingBeater}: registers again at once on a 404, attempts of 5 s), the first
 * beats spread over one renewal interval. A failed beat (a starved server on the shared machine) is
 * sent again after the beater's backoff (up to 2 s), as Eureka's own client tries again at its
 * next renewal.
 */
public final class HeartSide {
    static final String APP = "P2-HEART";
    static final Duration ATTEMPT = Duration.ofSeconds(5);
    /** System property: the transport's {@code maxConnections} instead of its default, for what-if runs. */
    static final String MAX_CONNECTIONS_PROPERTY = "p2.heart.maxConnections";

    private HeartSide() {}

    /** {@code port n renewalSeconds leaseSeconds windowSeconds}. */
    public static void main(String[] args) throws Exception {
        Side side = Side.parse(args);
        URI target = URI.create("eureka://127.0.0.1:" + side.port() + "/eureka");
        // Attempts as patient as Eureka's client (its read timeout is seconds, not one second):
        // on a starved machine a 1 s attempt times out, is aborted and sent again, which costs more.
        LeaseFollowingBeater lease = LeaseFollowingBeater.builder()
                .recovery(Recovery.builder().attempts(Attempts.of(ATTEMPT, 1)).build())
                .build();
        HeartBeater beater = lease;
        Integer connections = Integer.getInteger(MAX_CONNECTIONS_PROPERTY);
        EurekaTransport.Builder settings = EurekaTransport.builder();
        if (connections != null) {
            settings.maxConnections(connections);
        }
        try (RequestProtocol transport = settings.build();
                Heart heart = Heart.builder(beater).protocol(transport).build()) {
            for (int i = 0; i < side.n(); i++) {
                RegistrantInfo who = new RegistrantInfo(
                        "heart-" + i,
                        APP,
                        Map.of(
                                "address",
                                "127.0.0.1:" + (10_000 + i % 50_000),
                                EurekaTransport.RENEWAL_INTERVAL_ATTRIBUTE,
                                Long.toString(side.renewal().toSeconds()),
                                EurekaTransport.LEASE_DURATION_ATTRIBUTE,
                                Long.toString(side.lease().toSeconds())));
                Duration phase = side.renewal().multipliedBy(i).dividedBy(side.n());
                heart.start(
                        beater,
                        new OutgoingRequest(Request.beat(who), target),
                        new AttemptPlan(phase, Attempts.of(ATTEMPT, 2)));
            }
            side.awaitHeld(APP, side.n(), side.settle());
            side.measure(APP, side.n());
            System.out.println("  heart stats: " + heart.stats());
        }
        System.exit(0);
    }
}
