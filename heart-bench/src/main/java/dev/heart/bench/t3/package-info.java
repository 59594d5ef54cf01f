/**
 * T3: the cost of TLS. T1 (throughput, 10,000 hearts on one connection) and T2 (latency, one beat
 * at a time) over TLS 1.3 ({@code tcps://}) against the same heart over plaintext, in the same run.
 */
@NullMarked
package dev.heart.bench.t3;

import org.jspecify.annotations.NullMarked;
