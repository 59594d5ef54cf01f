/** The ZooKeeper transport's implementation; not exported. */
@NullMarked
package dev.heart.transport.zookeeper.internal;

import org.jspecify.annotations.NullMarked;
