package dev.heart.transport.etcd.internal;

import java.time.Duration;

/**
 * Validated settings of an etcd transport; built by {@code EtcdTransport.Builder}.
 *
 * @param defaultTtl     lease TTL when the registrant names none; whole seconds
 * @param connectTimeout bound of one TCP connection attempt
 * @param membersRefresh how long a member list is reused
 * @param maxLeases      how many lease ids are remembered
 * @param threads        HTTP client threads
 */
public record EtcdSettings(
        Duration defaultTtl, Duration connectTimeout, Duration membersRefresh, int maxLeases, int threads) {
}
