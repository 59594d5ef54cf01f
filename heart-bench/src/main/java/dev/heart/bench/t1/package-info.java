/**
 * T1: TCP throughput. 10,000 beatings with no delay on one heart, sharing one TCP connection to
 * a real registry server on loopback, against a minimal correct client on the transport's own
 * codec (raw NIO, pipelined) against the same server; and the heart over TLS, for T3.
 */
@NullMarked
package dev.heart.bench.t1;

import org.jspecify.annotations.NullMarked;
