/**
 * T1: TCP throughput. 10,000 beatings with no delay on one heart, sharing one TCP connection to
 * a real registry server on loopback, against a raw pipelined NIO client/server exchanging frames
 * of the same size.
 */
package dev.heart.bench.t1;
