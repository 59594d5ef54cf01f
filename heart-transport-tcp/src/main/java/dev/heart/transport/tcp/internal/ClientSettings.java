package dev.heart.transport.tcp.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The tcp transport's settings, validated by {@code TcpTransport.Builder}.
 *
 * @param ioThreads                how many selector threads
 * @param connectionsPerTarget     the pool size per target
 * @param connectTimeout           bound of one connection attempt
 * @param initialBackoff           wait after the first failed connection attempt
 * @param maxBackoff               the longest wait between attempts
 * @param maxPendingPerConnection  requests pending on one connection before {@code send} refuses
 * @param maxFrameSize             the largest frame sent or accepted, in bytes
 * @param tls                      the TLS material for {@code tcps://} targets; null for the defaults
 *                                 (the JDK's trust, server name verification)
 */
public record ClientSettings(
        int ioThreads,
        int connectionsPerTarget,
        Duration connectTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxPendingPerConnection,
        int maxFrameSize,
        @Nullable TlsMaterial tls) {}
