package dev.heart.transport.etcd.internal;

import dev.heart.api.security.Credentials;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Validated settings of an etcd transport; built by {@code EtcdTransport.Builder}.
 * {@link #toString()} never shows the password.
 *
 * @param defaultTtl     lease TTL when the registrant names none; whole seconds
 * @param connectTimeout bound of one TCP connection attempt
 * @param membersRefresh how long a member list is reused
 * @param maxLeases      how many registrations are remembered
 * @param maxInFlight    how many requests may be outstanding
 * @param maxRegistrationsInFlight how many registrations (grant + put) run at once
 * @param maxQueuedRegistrations   how many registrations may wait for a slot
 * @param threads        gRPC callback threads; 0 runs callbacks on the event loop
 * @param keepAliveWindow how long a keepalive may wait to be written with others
 * @param tls            TLS for {@code etcds://} endpoints; never null
 * @param credentials    etcd user and password, or null without authentication
 */
public record EtcdSettings(
        Duration defaultTtl,
        Duration connectTimeout,
        Duration membersRefresh,
        int maxLeases,
        int maxInFlight,
        int maxRegistrationsInFlight,
        int maxQueuedRegistrations,
        int threads,
        Duration keepAliveWindow,
        TlsSettings tls,
        @Nullable Credentials credentials) {

    /** The defaults of {@code EtcdTransport.Builder}: the JDK's authorities, no credentials. */
    public static final EtcdSettings DEFAULTS = new EtcdSettings(
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            1_000_000,
            100_000,
            256,
            1_000_000,
            0,
            Duration.ofMillis(100),
            TlsSettings.DEFAULT,
            null);

    /** Whether calls authenticate. */
    boolean authenticates() {
        return credentials != null;
    }

    @Override
    public String toString() {
        return "EtcdSettings[defaultTtl=" + defaultTtl + ", maxInFlight=" + maxInFlight + ", tls=" + tls
                + ", credentials=" + credentials + "]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
