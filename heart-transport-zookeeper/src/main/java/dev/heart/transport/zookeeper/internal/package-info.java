/** The ZooKeeper transport's implementation; not exported. */
package dev.heart.transport.zookeeper.internal;
