/**
 * The ZooKeeper transport: {@link dev.heart.transport.zookeeper.ZooKeeperTransport} builds it and
 * names the layout it writes.
 */
package dev.heart.transport.zookeeper;
