/**
 * The {@code etcd} transport of heart: keeps a registration alive as a leased key in an etcd v3
 * cluster, over etcd's own gRPC API.
 *
 * <p>It serves targets {@code etcd://host:port} (plaintext) and {@code etcds://host:port} (TLS).
 * The first beat of a registrant grants a lease and puts the key
 * {@code /heart/<serviceType>/<registrantId>} with the registrant's attributes as a JSON object;
 * later beats keep the lease alive on one shared keepalive stream per endpoint; a disconnect
 * revokes it, and the key goes with it. A cluster is one registry: when the member in use cannot
 * be reached, the transport moves to another member of the same scheme under the same lease, and
 * offers no candidates.
 *
 * <p>It is found by {@link dev.heart.api.Transports} through the
 * {@link dev.heart.api.spi.TransportProvider}s this module provides, or built with its own settings
 * (TLS files, credentials, limits) by {@link dev.heart.transport.etcd.EtcdTransport#builder()}.
 * The stubs are generated at build time from etcd's protos into a package this module does not
 * export.
 */
@org.jspecify.annotations.NullMarked
module dev.heart.transport.etcd {
    requires static org.jspecify;
    requires transitive dev.heart.api;
    requires org.slf4j;
    requires com.google.protobuf;
    requires io.grpc;
    requires io.grpc.stub;
    requires io.grpc.protobuf;
    requires io.grpc.netty.shaded;
    requires com.google.common; // the generated future stubs name ListenableFuture

    exports dev.heart.transport.etcd;

    provides dev.heart.api.spi.TransportProvider with
            dev.heart.transport.etcd.internal.EtcdTransportProvider;
}
