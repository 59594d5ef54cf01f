/**
 * The {@code mem} transport: a {@link dev.heart.api.spi.TransportProvider} found by
 * {@link java.util.ServiceLoader}, and the table of endpoints bound by name. Not exported: bind
 * registries with {@link dev.heart.testkit.MemNetwork}.
 */
package dev.heart.testkit.mem;
