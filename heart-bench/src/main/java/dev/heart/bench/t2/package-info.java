/**
 * T2: TCP latency. One heart, one beat at a time, over the real transport to a real registry
 * server on loopback, against a blocking socket ping-pong of frames of the same size.
 */
@NullMarked
package dev.heart.bench.t2;

import org.jspecify.annotations.NullMarked;
