/**
 * What T1 and T2 share: the trivial registry the heart's {@code TcpRegistryServer} answers with,
 * the frames of the raw baselines (the same bytes as the heart's wire format, section 6 of
 * {@code docs/wire-protocol.md}), and a bounded wait for a counter.
 */
@NullMarked
package dev.heart.bench.tcp;

import org.jspecify.annotations.NullMarked;
