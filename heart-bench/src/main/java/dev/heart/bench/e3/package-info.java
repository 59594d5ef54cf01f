/**
 * E3, the load tester's job: N registrants over real {@code tcp://} loopback connections from one
 * heart in a child JVM ({@link dev.heart.bench.e3.HeartSide}) to one {@code TcpRegistryServer} in
 * another ({@link dev.heart.bench.e3.ServerSide}), each beating every 10 s; {@link
 * dev.heart.bench.e3.TcpScale} runs both, reads their CPU time from {@code /proc} and the server's
 * registry count every second, and prints the summary.
 */
@NullMarked
package dev.heart.bench.e3;

import org.jspecify.annotations.NullMarked;
