/**
 * The tcp transport ({@link dev.heart.transport.tcp.TcpTransport}) and the TCP registry server
 * ({@link dev.heart.transport.tcp.TcpRegistryServer}). Both are thread-safe; every argument is
 * checked and {@code null} is refused with a {@link NullPointerException} naming it. Time spans are
 * {@link java.time.Duration}s, measured on the monotonic clock.
 */
package dev.heart.transport.tcp;
