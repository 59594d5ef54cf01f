package dev.heart.transport.eureka.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checked settings of a Eureka transport (see
 * {@link dev.heart.transport.eureka.EurekaTransport.Builder} for each).
 *
 * @param renewalInterval  default {@code leaseInfo.renewalIntervalInSecs}; whole seconds
 * @param leaseDuration    default {@code leaseInfo.durationInSecs}; whole seconds
 * @param connectTimeout   bound of one connection attempt
 * @param peersRefresh     how long reported replicas are reused; zero never asks
 * @param peers            configured peers, checked targets
 * @param credentials      basic credentials, or null; shown hidden by {@code toString}
 * @param tls              the TLS settings of {@code eurekas://}, or null for the JDK default
 * @param maxConnections   exchanges in flight per server at most
 * @param maxRegistrations registrations remembered at most
 * @param threads          HTTP worker threads
 */
public record EurekaSettings(
        Duration renewalInterval,
        Duration leaseDuration,
        Duration connectTimeout,
        Duration peersRefresh,
        List<URI> peers,
        dev.heart.api.security.@Nullable Credentials credentials,
        dev.heart.api.security.@Nullable TlsConfig tls,
        int maxConnections,
        int maxRegistrations,
        int threads) {

    /** The defaults of {@code EurekaTransport.Builder}. */
    public static final EurekaSettings DEFAULTS = defaults(null);

    /** The defaults, with {@code credentials} (null for none). */
    static EurekaSettings defaults(dev.heart.api.security.@Nullable Credentials credentials) {
        return new EurekaSettings(
                Duration.ofSeconds(30),
                Duration.ofSeconds(90),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                List.of(),
                credentials,
                null,
                50,
                100_000,
                2);
    }

    /** Copies the peers. */
    public EurekaSettings {
        peers = List.copyOf(peers);
    }
}
