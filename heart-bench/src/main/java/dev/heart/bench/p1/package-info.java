/**
 * P1: N registrants kept alive against one local etcd, heart's etcd transport side by side with
 * jetcd's {@code keepAlive}; {@link dev.heart.bench.p1.EtcdScale} runs it.
 */
@NullMarked
package dev.heart.bench.p1;

import org.jspecify.annotations.NullMarked;
