/**
 * P3: N registrants kept as ephemeral znodes by one {@code Heart} (heart-transport-zookeeper, one
 * session) side by side with the same N kept by Apache Curator's {@code ServiceDiscovery} (one
 * {@code CuratorFramework}), each against a fresh local ZooKeeper server with the same settings,
 * in the same run. {@link dev.heart.bench.p3.ZooKeeperSideBySide} runs each server and each side
 * in a child JVM of its own, so that the CPU time of each is its own alone.
 */
@NullMarked
package dev.heart.bench.p3;

import org.jspecify.annotations.NullMarked;
