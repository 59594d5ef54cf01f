/**
 * The etcd transport's public face: {@link dev.heart.transport.etcd.EtcdTransport}, its settings
 * and the names it uses in etcd (the key of a registrant, the TTL attribute).
 *
 * <p>Every method refuses {@code null} with a {@link NullPointerException} naming the argument.
 * Time spans are {@link java.time.Duration}s; etcd counts lease TTLs in whole seconds.
 */
package dev.heart.transport.etcd;
