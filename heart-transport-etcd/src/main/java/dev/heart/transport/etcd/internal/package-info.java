/**
 * The implementation of the etcd transport; not exported. {@code EtcdClient} is the
 * {@link dev.heart.api.spi.RequestProtocol}, {@code Gateway} speaks HTTP to etcd's JSON gateway,
 * {@code Json} reads and writes its bodies with Jackson's streaming API, {@code BoundedMap} keeps
 * lease ids and member lists between beats.
 */
package dev.heart.transport.etcd.internal;
