package dev.heart.transport.etcd.internal;

import java.time.Duration;

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
 * @param user           etcd user, or null without authentication
 * @param password       its password, or null
 */
public record EtcdSettings(Duration defaultTtl, Duration connectTimeout, Duration membersRefresh, int maxLeases,
                           int maxInFlight, int maxRegistrationsInFlight, int maxQueuedRegistrations, int threads, Duration keepAliveWindow, TlsSettings tls, String user, char[] password) {

    /** Whether calls authenticate. */
    boolean authenticates() {
        return user != null;
    }

    @Override
    public String toString() {
        return "EtcdSettings[defaultTtl=" + defaultTtl + ", maxInFlight=" + maxInFlight + ", tls=" + tls
                + ", user=" + user + "]";
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
