/**
 * The {@code etcd} transport of heart: keeps a registration alive as a leased key in an etcd v3
 * cluster.
 *
 * <p>It serves targets {@code etcd://host:port} (an etcd member's client URL) and speaks etcd's
 * JSON gateway ({@code /v3/...}) over plain HTTP with the JDK's {@link java.net.http.HttpClient}.
 * The first beat of a registrant grants a lease and puts the key
 * {@code /heart/<serviceType>/<registrantId>} with the registrant's attributes as a JSON object;
 * later beats keep the lease alive; a disconnect revokes it, and the key goes with it. Every
 * response names the member that answered and offers the cluster's other members as candidates.
 *
 * <p>It is found by {@link dev.heart.api.Transports} through the
 * {@link dev.heart.api.spi.TransportProvider} this module provides, or built with its own settings
 * by {@link dev.heart.transport.etcd.EtcdTransport#builder()}.
 */
module dev.heart.transport.etcd {
    requires transitive dev.heart.api;
    requires java.net.http;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports dev.heart.transport.etcd;

    provides dev.heart.api.spi.TransportProvider with dev.heart.transport.etcd.internal.EtcdTransportProvider;
}
