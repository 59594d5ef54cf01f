/**
 * The ZooKeeper transport: {@link dev.heart.transport.zookeeper.ZooKeeperTransport} builds it and
 * names the layout it writes.
 */
@NullMarked
package dev.heart.transport.zookeeper;

import org.jspecify.annotations.NullMarked;
